using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;

namespace Datapunk.Import.Tests.Pipeline;

/// <summary>Inputs read in parallel store exactly what reading them in turn stores.</summary>
public sealed class ParallelInputTests : IDisposable
{
    private static readonly ImportChunking SmallChunks = new() { LocationRows = 2_000, RecordRows = 100 };

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Three_parts_read_in_parallel_store_what_reading_them_in_turn_stores()
    {
        string[] parts =
        [
            ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), ("Takeout/Location History (Timeline)/Records.json", LocationHistoryWriter.Bytes((0, 20_000)))),
            ArchiveBuilder.Zip(_temp.File("takeout-002.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((15_000, 20_000)))),
            ArchiveBuilder.TarGz(_temp.File("takeout-003.tgz"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((30_000, 10_000)))),
        ];
        var inTurn = ImportDatabase.NewUser("inturn");
        var parallel = ImportDatabase.NewUser("parallel");

        var sequential = await PipelineHarness.ImportAsync(inTurn, parts, SmallChunks);
        var concurrent = await PipelineHarness.ImportAsync(parallel, parts, SmallChunks, new ImportPipelineOptions { ParallelInputs = 3 });

        concurrent.Outcome.End.ShouldBe(ImportRunEnd.Completed, concurrent.Outcome.Message);
        concurrent.Inserted("location_points").ShouldBe(40_000);
        sequential.Inserted("location_points").ShouldBe(40_000);
        (concurrent.Totals.Duplicates, concurrent.Totals.Files).ShouldBe((sequential.Totals.Duplicates, sequential.Totals.Files));
        concurrent.Totals.Duplicates.ShouldBe(10_000, "fixes 15,000 to 19,999 and 30,000 to 34,999 are in two parts each");
        (await ImportDatabase.LocationChecksumAsync(parallel)).ShouldBe(await ImportDatabase.LocationChecksumAsync(inTurn));
    }

    public void Dispose() => _temp.Dispose();
}
