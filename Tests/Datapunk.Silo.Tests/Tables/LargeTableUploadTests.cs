using System.Diagnostics;
using Datapunk.Grains;
using Datapunk.Lake.Tables;
using Datapunk.Silo.Tests.Infrastructure;
using Datapunk.Silo.Storage;

namespace Datapunk.Silo.Tests.Tables;

/// <summary>
/// A 1,000,000-row CSV stored by the engine the silo runs (below the HTTP layer, so the figures are the
/// upload's alone), logged in as the silos are: it streams with bounded memory. The figures go to
/// docs/catalog.md ("Uploaded tables"). The heap is the process's, so the test runs alone.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class LargeTableUploadTests : IDisposable
{
    private const int Rows = 1_000_000;

    /// <summary>
    /// What the managed heap may grow by while the file is stored: the file is about 60 MB and its rows as JSON
    /// objects several times that, so a reader or writer that held the file, or a batch of its rows as objects
    /// beyond the 1,000 sampled, would pass it.
    /// </summary>
    private const long MaxHeapGrowthBytes = 64L << 20;

    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 600_000)]
    public async Task A_million_row_csv_is_stored_with_bounded_memory()
    {
        await using (var owner = new TestDatabase("datapunk-table-tests-migrate", maxPoolSize: 2))
        {
            await DatapunkMigrations.ApplyAsync(owner.DataSource, Cancellation);
        }

        var path = _folder.File("million.csv");
        await using (var file = new StreamWriter(path))
        {
            await file.WriteLineAsync("Id,Day,Amount (EUR),Paid,Note");
            for (var i = 1; i <= Rows; i++)
            {
                await file.WriteLineAsync($"{i},2024-{1 + i % 12:00}-{1 + i % 28:00},{i % 10_000}.{i % 100:00},{(i % 2 == 0 ? "true" : "false")},note number {i}");
            }
        }

        var user = $"large-table-{Guid.NewGuid():N}"[..24];
        var writer = new UserTableWriter(StoredTableRows.SiloLogin, new UserTablesOptions());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        long peakHeap = heapBefore;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        UserTable table;
        try
        {
            table = await writer.StoreAsync(user, "million", path, "million.csv", TableFormats.Csv, new TableReadOptions(), TableColumnChanges.None, replace: false, Cancellation);
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
        }

        clock.Stop();
        var growth = peakHeap - heapBefore;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"1,000,000-row CSV ({new FileInfo(path).Length / 1e6:0.0} MB): stored in {clock.Elapsed.TotalSeconds:0.0} s; managed heap peak {peakHeap / 1e6:0.0} MB, "
            + $"{growth / 1e6:0.0} MB over the {heapBefore / 1e6:0.0} MB before; process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        try
        {
            table.RowCount.ShouldBe(Rows);
            string.Join(", ", table.Columns.Select(c => $"{c.Name}:{c.Type}")).ShouldBe("id:bigint, day:date, amount_eur:numeric, paid:boolean, note:text");
            (await StoredTableRows.CountAsync(user, Cancellation)).ShouldBe((1L, Rows));
            growth.ShouldBeLessThan(MaxHeapGrowthBytes, $"the heap grew by {growth / 1e6:0.0} MB while storing");
        }
        finally
        {
            await new UserTableCatalog(StoredTableRows.SiloLogin).DeleteAsync(user, "million", CancellationToken.None);
        }
    }

    public void Dispose() => _folder.Dispose();
}
