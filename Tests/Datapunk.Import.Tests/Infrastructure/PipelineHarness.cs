using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Storage;
using Datapunk.Silo.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>
/// The import pipeline in this process, below the grain: the same runs the job grain starts, with
/// the real readers, database and chunk merges, logged in with the silos' and the import writer's
/// roles, so storage behaviour is tested without a silo.
/// </summary>
internal static class PipelineHarness
{
    private static readonly Lazy<Task> Migrated = new(() => DatapunkMigrations.ApplyAsync(ImportDatabase.DataSource));

    private static readonly LocationPartitions Partitions = new(ImportDatabase.SiloLogin);

    // DATAPUNK_TEST_PIPELINE_LOG=<file> appends the pipeline's debug log (chunk timings) to that file.
    private static readonly ILogger<ImportPipeline> Logger =
        Environment.GetEnvironmentVariable("DATAPUNK_TEST_PIPELINE_LOG") is { Length: > 0 } logFile
            ? new FileLogger<ImportPipeline>(logFile)
            : NullLogger<ImportPipeline>.Instance;

    /// <summary>Runs one import of <paramref name="paths"/> for <paramref name="userId"/> to its end and returns its figures.</summary>
    public static async Task<HarnessResult> ImportAsync(
        string userId, IReadOnlyList<string> paths, ImportChunking? chunking = null, ImportPipelineOptions? options = null)
    {
        await Migrated.Value;
        var (importId, outcome, peakMemoryBytes) = await InProcessImport.RunAsync(
            ImportDatabase.SiloLogin, ImportDatabase.ImportWriter, Partitions, userId, paths, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken,
            chunking, options, Logger);
        return new HarnessResult(importId, outcome, peakMemoryBytes);
    }
}
