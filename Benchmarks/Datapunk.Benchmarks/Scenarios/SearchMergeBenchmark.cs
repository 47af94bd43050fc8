using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.SearchScale;
using Datapunk.Silo.Storage;
using Datapunk.Testing;
using Npgsql;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// What the text-search indexes cost the import's record merge: 100,000 text-heavy records (titles of
/// 4-8 words; 28 % with a body of about 250 words, as mail and notes; 60 % English, 25 % German, 15 %
/// French) merged into <c>user_data.records</c> as <c>ChunkMerge</c> does (chunks of 5,000,
/// <c>INSERT … ON CONFLICT DO NOTHING</c> from a staged table, one transaction each, <c>jit</c> and
/// <c>synchronous_commit</c> off), under each of <see cref="MergeSchemas"/>, twice, interleaved.
/// </summary>
internal sealed class SearchMergeBenchmark : IBenchmark
{
    private const string User = "bench-merge";
    private const int Records = 100_000;
    private const int Chunk = 5_000;
    private const int Rounds = 2;

    public string Name => "search-merge";

    public string Description => "Import cost of the full-text and trigram indexes: merging 100,000 text-heavy records, before and after";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var records = context.Options.Quick ? Records / 10 : Records;
        await using var database = await ScratchDatabase.CreateAsync(
            context.Options.ConnectionString, $"datapunk_bench_merge_{Guid.NewGuid():N}"[..36], cancellationToken);
        database.Keep = context.Options.KeepImportDatabase;
        await using var owner = NpgsqlDataSource.Create(database.ConnectionString);
        await DatapunkMigrations.ApplyAsync(owner, cancellationToken);
        var schemas = await MergeSchemas.ReadAsync(owner, cancellationToken);
        await StageAsync(owner, records, cancellationToken);

        var seconds = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var schema in new[] { MergeSchemas.None, MergeSchemas.Migration0023, MergeSchemas.Current })
            {
                await schemas.SetAsync(schema, cancellationToken);
                var clock = Stopwatch.StartNew();
                await MergeAsync(owner, records, cancellationToken);
                var elapsed = clock.Elapsed.TotalSeconds;
                context.Progress($"round {round + 1}, {schema}: {elapsed:0.0} s (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
                (seconds.TryGetValue(schema, out var list) ? list : seconds[schema] = []).Add(elapsed);
            }
        }

        var baseline = seconds[MergeSchemas.None].Min();
        foreach (var (schema, times) in seconds)
        {
            var best = times.Min();
            await context.ReportAsync(new BenchmarkResult(Name, $"merge of {records:N0} records, {schema}", best, "s",
                Details: $"best of {string.Join(", ", times.Select(time => time.ToString("0.0", CultureInfo.InvariantCulture)))} s; " +
                         $"{(best - baseline) * 1000 / records:0.00} ms a record more than without text indexes"));
        }
    }

    /// <summary>The records, numbered, in an unlogged table the merges read from (the staged chunk's part).</summary>
    private static async Task StageAsync(NpgsqlDataSource owner, int records, CancellationToken cancellationToken)
    {
        await OwnerStatements.ExecuteAsync(owner,
            "CREATE UNLOGGED TABLE public.bench_staged (n integer PRIMARY KEY, kind smallint, identity text, occurred_at timestamptz, title text, body text)",
            cancellationToken);
        var vocabulary = new SearchVocabulary();
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginTextImportAsync("COPY public.bench_staged FROM STDIN", cancellationToken);
        for (var n = 0; n < records; n++)
        {
            var random = new Random(n);
            var language = random.NextDouble() switch { < 0.6 => 0, < 0.85 => 1, _ => 2 };
            var title = vocabulary.Words(language, random.Next(4, 9), random);
            var body = random.NextDouble() < 0.28 ? vocabulary.Words(language, random.Next(150, 350), random) : @"\N";
            var time = SearchCorpus.Start.AddMinutes(n * 7);
            await copy.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{n}\t11\tm{n}\t{time:yyyy-MM-dd HH:mm:ss}+00\t{title}\t{body}"));
        }
    }

    private static async Task MergeAsync(NpgsqlDataSource owner, int records, CancellationToken cancellationToken)
    {
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        for (var start = 0; start < records; start += Chunk)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"""
                SELECT set_config('datapunk.user_id', '{User}', true), set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true);
                INSERT INTO user_data.records (user_id, kind, identity, occurred_at, title, body, file_id)
                SELECT '{User}', kind, identity, occurred_at, title, body, 0 FROM public.bench_staged WHERE n >= {start} AND n < {start + Chunk}
                ON CONFLICT DO NOTHING
                """, connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
