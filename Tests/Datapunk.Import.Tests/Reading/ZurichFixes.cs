namespace Datapunk.Import.Tests.Reading;

/// <summary>
/// A user with 20,000 fixes in 47.3-47.374 N, 8.5-8.6 E, one every 20 s from 2019-01-01
/// (<see cref="LocationHistoryWriter"/>), imported once per test run: the map tests' crowd.
/// </summary>
internal static class ZurichFixes
{
    public const int Count = 20_000;

    private static readonly Lazy<Task<string>> Imported = new(async () =>
    {
        using var temp = new TempFolder();
        var user = ImportDatabase.NewUser("read-map");
        var zip = ArchiveBuilder.Zip(temp.File("takeout-001.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, Count))));
        (await PipelineHarness.ImportAsync(user, [zip])).Inserted("location_points").ShouldBe(Count);
        return user;
    });

    /// <summary>The user, once the fixes are imported.</summary>
    public static Task<string> UserAsync() => Imported.Value;
}
