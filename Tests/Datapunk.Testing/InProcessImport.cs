using Datapunk.Grains;
using Datapunk.Lake.Formats;
using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Datapunk.Testing;

/// <summary>
/// The Lake's import pipeline run in the test's process, below the grain: the job row and the run the
/// import job grain makes, with the real readers, database and chunk merges, so storage behaviour is
/// tested without a silo. Each test project gives its own pools (its database, logged in as the silos are).
/// </summary>
internal static class InProcessImport
{
    private static readonly FormatReaderRegistry Readers = new();

    /// <summary>Runs one import of <paramref name="paths"/> for <paramref name="userId"/> to its end (or <paramref name="limit"/>) and returns how it ended.</summary>
    public static async Task<(Guid ImportId, ImportRunOutcome Outcome, long PeakMemoryBytes)> RunAsync(
        NpgsqlDataSource silos, ImportWriterDataSource writer, LocationPartitions partitions, string userId, IReadOnlyList<string> paths, TimeSpan limit,
        CancellationToken cancellationToken, ImportChunking? chunking = null, ImportPipelineOptions? options = null, ILogger<ImportPipeline>? logger = null)
    {
        var importId = Guid.NewGuid();
        var pipeline = new ImportPipeline(silos, writer, Readers, partitions, options ?? new ImportPipelineOptions(), logger ?? NullLogger<ImportPipeline>.Instance);
        await new ImportJobsTable(silos).CreateAsync(
            new ImportProgress { ImportId = importId, UserId = userId, Status = ImportState.Created, Paths = paths, CreatedAt = DateTimeOffset.UtcNow },
            cancellationToken);
        var run = ImportRun.Start(
            pipeline, new ImportActivity(new ImportPipelineOptions()), silos, importId, userId, [.. paths.Select(ImportInput.AtPath)], chunking ?? new ImportChunking());
        var outcome = await run.Completion.WaitAsync(limit, cancellationToken);
        return (importId, outcome, run.Progress.PeakMemoryBytes);
    }
}
