using Datapunk.Lake;
using Npgsql;

namespace Datapunk.Benchmarks.SearchScale;

/// <summary>
/// Loads the <see cref="SearchCorpus"/> into <c>user_data.records</c> of a scratch database as its
/// owner, the way a bulk load is done and not the way an import is: the indexes other than the
/// identity constraint are dropped, the rows COPYed in (row-level security lifted for the owner for
/// the COPY, which PostgreSQL refuses under a policy), then the indexes built again from their own
/// definitions and the table analysed. A first import instead maintains every index row by row
/// (docs/cortex.md has that cost); the indexes built here are the same.
/// </summary>
internal sealed class SearchCorpusLoader(NpgsqlDataSource owner, SearchCorpus corpus, string userId)
{
    /// <summary>Appends records [<paramref name="from"/>, <paramref name="to"/>) and rebuilds the indexes; returns the seconds of (COPY, indexes).</summary>
    public async Task<(double Copy, double Index)> LoadAsync(long from, long to, Action<string> progress, CancellationToken cancellationToken)
    {
        var indexes = await ExecuteListAsync("""
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = 'user_data.records'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """, cancellationToken);
        foreach (var definition in indexes)
        {
            var name = definition.Split(' ')[2];
            await OwnerStatements.ExecuteAsync(owner, $"DROP INDEX user_data.{name}", cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await OwnerStatements.ExecuteAsync(owner, "ALTER TABLE user_data.records NO FORCE ROW LEVEL SECURITY", cancellationToken);
        await using (var connection = await owner.OpenConnectionAsync(cancellationToken))
        {
            await using var copy = await connection.BeginTextImportAsync(
                "COPY user_data.records (user_id, kind, identity, occurred_at, title, body, url, position, file_id) FROM STDIN", cancellationToken);
            for (var index = from; index < to; index++)
            {
                var record = corpus.Record(index);
                var position = record.Position is { } point
                    ? string.Create(CultureInfo.InvariantCulture, $"SRID=4326;POINT({point.Lng:0.######} {point.Lat:0.######})")
                    : @"\N";
                await copy.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{userId}\t{(short)record.Kind}\t{record.Identity}\t{record.OccurredAt:yyyy-MM-dd HH:mm:ss}+00\t{record.Title ?? @"\N"}\t{record.Body ?? @"\N"}\t{record.Url ?? @"\N"}\t{position}\t0"));
                if ((index + 1) % 1_000_000 == 0)
                {
                    progress($"  {index + 1:N0} records copied ({clock.Elapsed.TotalSeconds:0} s)");
                }
            }
        }

        await OwnerStatements.ExecuteAsync(owner, "ALTER TABLE user_data.records FORCE ROW LEVEL SECURITY", cancellationToken);
        var copySeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        foreach (var definition in indexes)
        {
            var one = Stopwatch.StartNew();
            await OwnerStatements.ExecuteAsync(owner, definition, cancellationToken);
            progress($"  {definition.Split(' ')[2]}: {one.Elapsed.TotalSeconds:0} s");
        }

        await OwnerStatements.ExecuteAsync(owner, "ANALYZE user_data.records", cancellationToken);
        return (copySeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The database's size on disk in bytes.</summary>
    public async Task<long> DatabaseBytesAsync(CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand("SELECT pg_database_size(current_database())");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<string>> ExecuteListAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = owner.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The kinds whose records get vectors (Cortex's <c>EmbeddableText.Kinds</c>).</summary>
    public static bool IsEmbeddable(RecordKind kind) => kind is not (RecordKind.Photo or RecordKind.ActivitySegment or RecordKind.FitDay or RecordKind.LocationPoint);
}
