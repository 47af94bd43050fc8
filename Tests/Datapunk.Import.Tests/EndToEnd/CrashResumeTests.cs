using System.IO.Compression;
using Datapunk.Client;

namespace Datapunk.Import.Tests.EndToEnd;

/// <summary>
/// Kills the silo running a large import (SIGKILL) in a real three-silo Orleans cluster: the import
/// finishes on a survivor from its checkpoint, and what it stored equals what an uninterrupted
/// import stores.
/// </summary>
public sealed class CrashResumeTests : IDisposable
{
    private const long Fixes = 2_000_000;
    private const int ChunkRows = 50_000;

    private static readonly Dictionary<string, string> Settings = new() { ["Lake__Import__Chunking__LocationRows"] = $"{ChunkRows}" };

    private readonly TempFolder _temp = new();

    [Fact(Timeout = 900_000)]
    public async Task A_silo_killed_mid_import_is_replaced_and_the_import_completes_without_duplicates_or_gaps()
    {
        var zip = _temp.File("takeout-20240101T000000Z-001.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        await using (var entry = archive.CreateEntry("Takeout/Location History (Timeline)/Records.json", CompressionLevel.Fastest).Open())
        {
            LocationHistoryWriter.Write(entry, 0, Fixes);
        }

        var clusterId = $"import-crash-{Guid.NewGuid():N}"[..26];
        var crashed = ImportDatabase.NewUser("crashed");
        var uninterrupted = ImportDatabase.NewUser("uninterrupted");

        // One after another: three silos starting at once on a loaded 2-core machine, each compiling its
        // code, can miss each other's membership probes (1 s, two misses) and vote one of them dead, which
        // then stops itself (exit 134, seen once in CI on 2026-12-07).
        var silos = new SiloProcess[3];
        for (var i = 0; i < silos.Length; i++)
        {
            silos[i] = await ImportSilo.StartAsync(clusterId, Settings);
        }

        try
        {
            ImportProgress started;
            SiloProcess runner;
            using (var client = new DatapunkGatewayClient(silos[0].Gateway, silos[0].AdminToken, TimeSpan.FromSeconds(30)))
            {
                await client.EnsureUserAsync(crashed, TestContext.Current.CancellationToken);
                client.ActAs(crashed);
                started = await client.StartImportOfPathsAsync([zip], TestContext.Current.CancellationToken);
                client.ActAs(null);
                runner = await ImportRunner.HostOfJobAsync(client, silos);
                client.ActAs(crashed);
                var beforeKill = await Deadlines.PollAsync(
                    token => client.GetImportAsync(started.ImportId, token),
                    progress => progress.Status.IsFinished() || progress.Records["location_points"] >= Fixes / 4,
                    "a quarter of the fixes to be merged",
                    progress => $"{progress?.Status}, {progress?.Records["location_points"]:N0} fixes\n{runner.Describe(40)}",
                    Deadlines.Import);
                beforeKill.Status.IsFinished().ShouldBeFalse("the import finished before the silo could be killed; make it larger");
            }

            await runner.KillAsync();
            var survivor = silos.First(silo => silo != runner);
            using var survivorClient = new DatapunkGatewayClient(survivor.Gateway, survivor.AdminToken, TimeSpan.FromSeconds(30));
            await survivorClient.EnsureUserAsync(uninterrupted, TestContext.Current.CancellationToken);
            survivorClient.ActAs(crashed);
            var resumed = await ImportRunner.WaitAsync(survivorClient, started.ImportId, () => string.Join('\n', silos.Select(s => s.Describe(20))));
            survivorClient.ActAs(uninterrupted);
            var reference = await ImportRunner.WaitAsync(
                survivorClient,
                (await survivorClient.StartImportOfPathsAsync([zip], TestContext.Current.CancellationToken)).ImportId,
                () => survivor.Describe(40));

            resumed.Status.ShouldBe(ImportState.Completed, resumed.Message);
            reference.Status.ShouldBe(ImportState.Completed, reference.Message);
            resumed.Records.ShouldBe(reference.Records);
            resumed.Records["location_points"].ShouldBe(Fixes);
            resumed.Duplicates.ShouldBe(reference.Duplicates);
            resumed.Files.ShouldBe(reference.Files);
            (await ImportDatabase.CountsAsync(crashed)).ShouldBe(await ImportDatabase.CountsAsync(uninterrupted));
            (await ImportDatabase.LocationChecksumAsync(crashed)).ShouldBe(await ImportDatabase.LocationChecksumAsync(uninterrupted));
            (await ImportDatabase.ScalarAsync<int>("SELECT run_no FROM imports.jobs WHERE import_id = $1", started.ImportId))
                .ShouldBeGreaterThan(1, "a second run on the new silo finished the import");
            (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM imports.entry_chunks WHERE import_id = $1", started.ImportId))
                .ShouldBe(Fixes / ChunkRows, "every chunk merged exactly once");
            (await ImportDatabase.StagingTablesAsync())
                .ShouldBe(0, "nothing left in staging");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    public void Dispose() => _temp.Dispose();
}
