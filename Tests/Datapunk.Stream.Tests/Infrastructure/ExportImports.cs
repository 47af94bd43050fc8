using Datapunk.Grains;
using Datapunk.Lake.Formats;
using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// An export imported into the Stream tests' database by the Lake's pipeline in this process (as the
/// import tests' harness does), so a test can store the same records by a poll and by an import.
/// </summary>
internal static class ExportImports
{
    private static readonly FormatReaderRegistry Readers = new();

    /// <summary>Imports <paramref name="path"/> for <paramref name="userId"/> to its end; returns its figures.</summary>
    public static async Task<ImportTotals> ImportAsync(string userId, string path)
    {
        var silos = await StreamDatabase.SiloLoginAsync();
        var importId = Guid.NewGuid();
        var pipeline = new ImportPipeline(
            silos, ImportWriterDataSource.SharedWith(silos), Readers, new LocationPartitions(silos), new ImportPipelineOptions(), NullLogger<ImportPipeline>.Instance);
        await new ImportJobsTable(silos).CreateAsync(
            new ImportProgress { ImportId = importId, UserId = userId, Status = ImportState.Created, Paths = [path], CreatedAt = DateTimeOffset.UtcNow },
            TestContext.Current.CancellationToken);
        var run = ImportRun.Start(
            pipeline, new ImportActivity(new ImportPipelineOptions()), silos, importId, userId, [ImportInput.AtPath(path)], new ImportChunking());
        var outcome = await run.Completion.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        return outcome.Totals ?? throw new ShouldAssertException($"The import ended {outcome.End} without figures: {outcome.Message}\n{outcome.Error}");
    }
}
