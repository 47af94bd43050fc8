using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// An export imported into the Stream tests' database by the Lake's pipeline in this process
/// (<see cref="InProcessImport"/>), so a test can store the same records by a poll and by an import.
/// </summary>
internal static class ExportImports
{
    /// <summary>Imports <paramref name="path"/> for <paramref name="userId"/> to its end; returns its figures.</summary>
    public static async Task<ImportTotals> ImportAsync(string userId, string path)
    {
        var silos = await StreamDatabase.SiloLoginAsync();
        var (_, outcome, _) = await InProcessImport.RunAsync(
            silos, ImportWriterDataSource.SharedWith(silos), new LocationPartitions(silos), userId, [path], TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        return outcome.Totals ?? throw new ShouldAssertException($"The import ended {outcome.End} without figures: {outcome.Message}\n{outcome.Error}");
    }
}
