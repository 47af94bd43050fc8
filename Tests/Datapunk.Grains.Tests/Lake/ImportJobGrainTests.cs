namespace Datapunk.Grains.Tests.Lake;

/// <summary>An import started through the user grain runs in its job grain and ends with exact counts.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ImportJobGrainTests(GrainClusterFixture fixture) : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task An_import_started_by_the_user_grain_completes_and_is_listed()
    {
        var name = $"u-{Guid.NewGuid():N}"[..20];
        var records = _temp.File("Records.json");
        await File.WriteAllTextAsync(records, """
            {"locations":[
              {"latitudeE7":500000000,"longitudeE7":140000000,"timestamp":"2021-03-01T10:00:00Z"},
              {"latitudeE7":500001000,"longitudeE7":140001000,"timestamp":"2021-03-01T10:01:00Z"},
              {"latitudeE7":500002000,"longitudeE7":140002000,"timestamp":"2021-03-01T10:02:00Z"}
            ]}
            """, TestContext.Current.CancellationToken);
        CallerContext.Set(name, AccountRoles.Member);
        var user = fixture.Grains.GetGrain<IUserGrain>(name);
        await user.CreateAsync(new CreateUser("Importer", null));

        var importId = await user.StartImportAsync([records]);
        var job = fixture.Grains.GetGrain<IImportJobGrain>(importId);
        var done = await Poll.UntilAsync(
            _ => job.GetStatusAsync(),
            progress => progress is not null && progress.Status.IsFinished(),
            $"import {importId} to finish",
            progress => $"{progress?.Status} {progress?.Message}",
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);

        done!.Status.ShouldBe(ImportState.Completed, done.Message);
        done.UserId.ShouldBe(name);
        done.Records["location_points"].ShouldBe(3);
        (await job.StartAsync(StartImport.OfPaths(name, [records]))).ImportId.ShouldBe(importId, "starting a started job again only reports it");
        (await user.ListImportsAsync()).Select(i => i.ImportId).ShouldBe([importId]);
        (await job.GetFilesAsync(status: null, offset: 0)).ShouldHaveSingleItem().Status.ShouldBe("imported");
    }

    public void Dispose() => _temp.Dispose();
}
