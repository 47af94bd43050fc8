using Npgsql;

namespace Datapunk.Benchmarks.SearchScale;

/// <summary>
/// The text-search schemas of <c>user_data.records</c> the search-merge benchmark compares, set up on
/// the empty table: none (no text index and no search trigger, as before migration 0023), migration
/// 0023's (the three-language document as an index expression, the title trigram index) and the current
/// one (what the migrations made, read from the catalog first: the trigger that stores each record's
/// documents (0045), the vocabulary triggers (0049) and the search indexes). Every schema starts from
/// an empty vocabulary, so no round finds the words an earlier one collected.
/// </summary>
internal sealed class MergeSchemas
{
    public const string None = "no text indexes";
    public const string Migration0023 = "0023: document as index expression";
    public const string Current = "current: stored document";

    /// <summary>The indexes search reads; the others (identity, position) are every schema's.</summary>
    private static readonly string[] SearchIndexes = ["records_text_lexemes", "records_title_lexemes", "records_recent", "records_newest_by_kind"];

    /// <summary>The triggers that fill what search reads: the stored documents, the vocabulary.</summary>
    private static readonly string[] SearchTriggers = ["records_search_documents", "records_search_words_inserted", "records_search_words_updated"];

    // Migration 0023's document, under its own name: every body parsed under all three configurations.
    private static readonly Lazy<string> Document0023 = new(() =>
    {
        var assembly = typeof(Datapunk.Cortex.CortexServiceCollectionExtensions).Assembly;
        var name = assembly.GetManifestResourceNames().Single(resource => resource.EndsWith("0023_search_text_indexes.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var script = reader.ReadToEnd();
        const string Header = "CREATE OR REPLACE FUNCTION user_data.search_document(";
        var start = script.IndexOf(Header, StringComparison.Ordinal);
        var end = script.IndexOf("$$;", script.IndexOf("AS $$", start, StringComparison.Ordinal) + 5, StringComparison.Ordinal) + 2;
        return script[start..end].Replace(Header, "CREATE OR REPLACE FUNCTION user_data.search_document_0023(", StringComparison.Ordinal);
    });

    private readonly NpgsqlDataSource _owner;
    private readonly List<string> _currentIndexes;

    private MergeSchemas(NpgsqlDataSource owner, List<string> indexes)
    {
        _owner = owner;
        _currentIndexes = indexes;
    }

    /// <summary>Reads the current schema's search indexes from the catalog, and checks its search triggers are there.</summary>
    public static async Task<MergeSchemas> ReadAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        var indexes = new List<string>();
        await using (var command = owner.CreateCommand("""
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'user_data.records'::regclass AND c.relname = ANY($1)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = SearchIndexes });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add(reader.GetString(0));
            }
        }

        await using (var command = owner.CreateCommand(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'user_data.records'::regclass AND tgname = ANY($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = SearchTriggers });
            var triggers = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (triggers != SearchTriggers.Length || indexes.Count != SearchIndexes.Length)
            {
                throw new InvalidOperationException(
                    $"The migrated schema has {triggers} of the search triggers ({string.Join(", ", SearchTriggers)}) and {indexes.Count} of the search indexes " +
                    $"({string.Join(", ", SearchIndexes)}): this benchmark no longer describes it.");
            }
        }

        return new MergeSchemas(owner, indexes);
    }

    /// <summary>Empties the table and the vocabulary and gives the table <paramref name="schema"/>'s text-search triggers and indexes.</summary>
    public async Task SetAsync(string schema, CancellationToken cancellationToken)
    {
        var statements = new List<string>
        {
            "TRUNCATE user_data.records",
            "TRUNCATE user_data.search_words",
            $"DROP INDEX IF EXISTS {string.Join(", ", SearchIndexes.Select(index => "user_data." + index))}, user_data.records_title_trigram, user_data.records_search_text_0023",
        };
        var enable = schema == Current ? "ENABLE" : "DISABLE";
        statements.AddRange(SearchTriggers.Select(trigger => $"ALTER TABLE user_data.records {enable} TRIGGER {trigger}"));
        switch (schema)
        {
            case Migration0023:
                statements.Add(Document0023.Value);
                statements.Add("CREATE INDEX records_search_text_0023 ON user_data.records USING gin (user_id, user_data.search_document_0023(title, body))");
                statements.Add("CREATE INDEX records_title_trigram ON user_data.records USING gin (user_id, title gin_trgm_ops)");
                break;
            case Current:
                statements.AddRange(_currentIndexes);
                break;
        }

        foreach (var statement in statements)
        {
            await OwnerStatements.ExecuteAsync(_owner, statement, cancellationToken);
        }
    }
}
