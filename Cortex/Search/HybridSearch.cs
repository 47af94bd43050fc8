using Datapunk.Cortex.Embeddings;
using Datapunk.Lake.Reading;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Datapunk.Cortex.Search;

/// <summary>
/// One search over all of a user's records: full text (language-aware, prefix), fuzzy (trigram word
/// similarity on titles) and semantic (the nearest vectors of the model serving the user), fused into
/// one ranking by reciprocal rank fusion, filtered, with snippets, a page at a time; and the rows of
/// the user's uploaded tables found by full text (<see cref="TableRowHits"/>), merged into that ranking. Runs in one
/// read-only transaction begun in the user's row-level-security scope (<see cref="UserDataScope"/>),
/// its statement as <see cref="UserDataScope.IndexedReadRole"/>, filtered by the user explicitly.
/// </summary>
public sealed class HybridSearch(NpgsqlDataSource dataSource, EmbeddingModels models, IOptions<SearchSettings> options)
{
    private readonly SearchSettings _settings = options.Value;

    public async Task<SearchPage> SearchAsync(string userId, SearchQuery query, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var search = SearchQueries.Parse(query, errors);
        errors.ThrowIfAny();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await ConfigureAsync(connection, transaction, cancellationToken);
        var serving = search.AsksSemantic ? await ServingModel.FindAsync(models, connection, transaction, userId, cancellationToken) : null;
        // The query's embedding (tens of milliseconds of CPU for the local model) is made while the
        // database finds the fuzzy spellings, not after.
        var embedding = serving is null ? null : Task.Run(() => serving.Model.Generator.GenerateVectorAsync(search.Text, cancellationToken: cancellationToken), cancellationToken);

        // Under row-level security PostgreSQL would not use the full-text and trigram indexes; the
        // statements filter by the user in every part (migration 0035).
        await UserDataScope.ReadPastRowSecurityAsync(connection, transaction, cancellationToken);
        var fuzzyTerms = search.RunsFuzzy
            ? await FuzzySpellings.FindAsync(connection, transaction, userId, search.Words, _settings.FuzzySpellingsPerWord, cancellationToken)
            : null;
        var results = new List<(SearchResult Result, decimal Score, short Kind)>(query.Limit + 1);
        if (SearchSql.Build(search, serving?.Stored, fuzzyTerms) is { } statement)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            AddParameters(command.Parameters, userId, search, fuzzyTerms);
            if (serving is not null)
            {
                var vector = await embedding!;
                command.Parameters.AddWithValue("vector", vector.ToArray());
                command.Parameters.AddWithValue("max_distance", 1 - _settings.MinSemanticSimilarity);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(Read(reader));
            }
        }

        if (search.RunsTableRows)
        {
            await using var command = new NpgsqlCommand(TableRowHits.Sql(search), connection, transaction);
            AddParameters(command.Parameters, userId, search, fuzzyTerms);
            results = Merge(results, await TableRowHits.ReadAsync(command, cancellationToken), query.Limit + 1);
        }

        string? next = null;
        if (results.Count > query.Limit)
        {
            results.RemoveAt(results.Count - 1);
            var last = results[^1];
            next = new SearchCursor(last.Score, last.Kind, last.Result.Id).Encode();
        }

        return new SearchPage([.. results.Select(result => result.Result)], next, serving?.Stored.Name);
    }

    /// <summary>
    /// The first <paramref name="most"/> of two lists each ordered by score (descending), kind and
    /// identity, in that order. The lists hold different kinds (records, table rows), so comparing
    /// score and kind orders them; each list's own order of equal scores and kinds is kept.
    /// </summary>
    private static List<(SearchResult Result, decimal Score, short Kind)> Merge(
        List<(SearchResult Result, decimal Score, short Kind)> first, List<(SearchResult Result, decimal Score, short Kind)> second, int most)
    {
        var merged = new List<(SearchResult Result, decimal Score, short Kind)>(Math.Min(most, first.Count + second.Count));
        int i = 0, j = 0;
        while (merged.Count < most && (i < first.Count || j < second.Count))
        {
            var takeFirst = j == second.Count
                || (i < first.Count && (first[i].Score > second[j].Score || (first[i].Score == second[j].Score && first[i].Kind < second[j].Kind)));
            merged.Add(takeFirst ? first[i++] : second[j++]);
        }

        return merged;
    }

    private async Task ConfigureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Switching a transaction to read-only is allowed after its first query (the scope's settings).
        // pg_trgm.similarity_threshold: how many trigrams a word of the user's vocabulary must share
        // with a query word to be considered a spelling of it (FuzzySpellings).
        // hnsw.iterative_scan (pgvector 0.8) keeps scanning the index until enough of this user's
        // records pass the filters, instead of returning fewer than asked. work_mem: a common word's
        // matches fill a bitmap larger than the default 4 MB, which then goes lossy and makes every row
        // of its pages be tested again.
        await using var command = new NpgsqlCommand("""
            SET TRANSACTION READ ONLY;
            SELECT set_config('statement_timeout', @timeout, true), set_config('pg_trgm.similarity_threshold', @fuzzy, true),
                   set_config('hnsw.ef_search', @ef_search, true), set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('jit', 'off', true),
                   set_config('work_mem', '32MB', true);
            """, connection, transaction);
        command.Parameters.AddWithValue("timeout", $"{ReadingLimits.StatementTimeoutSeconds}s");
        command.Parameters.AddWithValue("fuzzy", _settings.FuzzyThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("ef_search", Math.Clamp(_settings.CandidateDepth, 40, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddParameters(NpgsqlParameterCollection parameters, string userId, ParsedSearch search, string? fuzzyTerms)
    {
        var query = search.Query;
        parameters.AddWithValue("user", userId);
        parameters.AddWithValue("kinds", search.Kinds);
        parameters.AddWithValue("text", search.Text);
        parameters.AddWithValue("words", search.Words.ToArray());
        parameters.Add(new NpgsqlParameter<string?>("terms", search.TsQuery));
        parameters.Add(new NpgsqlParameter<string?>("whole_words", search.WholeWords) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<string?>("fuzzy_terms", fuzzyTerms) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        parameters.AddWithValue("depth", Math.Clamp(_settings.CandidateDepth, 1, 1000));
        parameters.AddWithValue("filtered_texts", Math.Clamp(_settings.FilteredSemanticTexts, 1, 10_000));
        parameters.AddWithValue("filtered_minimum", Math.Max(0, _settings.FilteredSemanticMinimum));
        parameters.AddWithValue("pool", Math.Max(_settings.FullTextPool, _settings.CandidateDepth));
        parameters.AddWithValue("recent_records", Math.Max(1, _settings.RecentRecords));
        parameters.AddWithValue("recent_minimum", Math.Max(1, _settings.RecentMinimum));
        parameters.AddWithValue("recent_reach", Math.Max(_settings.RecentRecords, _settings.RecentReach));
        parameters.AddWithValue("near_records", Math.Max(1, _settings.NearRecords));
        parameters.AddWithValue("k", SearchSql.Exact(_settings.RankConstant));
        parameters.AddWithValue("w_fulltext", SearchSql.Exact(_settings.FullTextWeight));
        parameters.AddWithValue("w_fuzzy", SearchSql.Exact(_settings.FuzzyWeight));
        parameters.AddWithValue("w_semantic", SearchSql.Exact(_settings.SemanticWeight));
        parameters.AddWithValue("limit", query.Limit + 1);
        if (query.From is { } from)
        {
            parameters.AddWithValue("from", from.UtcDateTime);
        }

        if (query.To is { } to)
        {
            parameters.AddWithValue("to", to.UtcDateTime);
        }

        if (query.Sources.Count > 0)
        {
            parameters.AddWithValue("sources", query.Sources.ToArray());
        }

        if (query.Near is { } near)
        {
            parameters.AddWithValue("near_lat", near.Lat);
            parameters.AddWithValue("near_lng", near.Lng);
            parameters.AddWithValue("radius", query.RadiusMeters!.Value);
        }

        if (search.NearBox is { } box)
        {
            parameters.AddWithValue("box_west", box.West);
            parameters.AddWithValue("box_south", box.South);
            parameters.AddWithValue("box_east", box.East);
            parameters.AddWithValue("box_north", box.North);
        }

        if (search.After is { } after)
        {
            parameters.AddWithValue("after_score", after.Score);
            parameters.AddWithValue("after_kind", after.Kind);
            parameters.AddWithValue("after_identity", after.Identity);
        }
    }

    private static (SearchResult, decimal, short) Read(NpgsqlDataReader row)
    {
        var kind = row.GetInt16(0);
        var score = row.GetDecimal(5);
        var result = new SearchResult(
            row.GetString(1),
            ((RecordKind)kind).ToName(),
            row.IsDBNull(2) ? null : new DateTimeOffset(row.GetFieldValue<DateTime>(2), TimeSpan.Zero),
            row.IsDBNull(3) ? null : row.GetString(3),
            row.IsDBNull(4) ? null : row.GetString(4),
            (double)score,
            row.GetFieldValue<string[]>(6),
            row.IsDBNull(7) ? null : row.GetString(7),
            row.IsDBNull(8) ? null : new GeoPoint(row.GetDouble(8), row.GetDouble(9)),
            SourceRemovals.Read(row, 10));
        return (result, score, kind);
    }
}
