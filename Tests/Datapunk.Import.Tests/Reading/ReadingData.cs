using Datapunk.Lake.Reading;

namespace Datapunk.Import.Tests.Reading;

/// <summary>
/// Two people's exports (<see cref="ReadingExport"/>) imported once through the real pipeline, and
/// the readers over the test database. Every answer for <see cref="A"/> is checked against A's
/// hand-computed values, so any row of <see cref="B"/>'s (same days, same places) would show.
/// </summary>
internal static class ReadingData
{
    private static readonly Lazy<Task<(string A, string B, Guid ImportA)>> Imported = new(ImportAsync);

    public static RecordsReader Records { get; } = new(ImportDatabase.SiloLogin);

    // Without Cortex: every time on the query zone's clock, no place names (Cortex.Tests cover both).
    public static TimelineReader Timeline { get; } = new(ImportDatabase.SiloLogin, new NoLocalZoneSpans(), new NoPlaceNames());

    public static MapPointsReader MapPoints { get; } = new(ImportDatabase.SiloLogin);

    public static MapPlacesReader MapPlaces { get; } = new(ImportDatabase.SiloLogin, new NoPlaceNames());

    public static DailyStatsReader Stats { get; } = new(ImportDatabase.SiloLogin, new NoLocalZoneSpans());

    public static string A => Imported.Value.Result.A;

    public static string B => Imported.Value.Result.B;

    public static Guid ImportA => Imported.Value.Result.ImportA;

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Imports both exports (once per test run).</summary>
    public static Task ReadyAsync() => Imported.Value;

    private static async Task<(string, string, Guid)> ImportAsync()
    {
        using var temp = new TempFolder();
        var a = ImportDatabase.NewUser("read-a");
        var b = ImportDatabase.NewUser("read-b");
        var importA = await ImportOneAsync(a, ArchiveBuilder.Zip(temp.File("a/takeout-001.zip"), ReadingExport.Entries("Anna")));
        await ImportOneAsync(b, ArchiveBuilder.Zip(temp.File("b/takeout-001.zip"), ReadingExport.Entries("Bernd")));
        return (a, b, importA);
    }

    private static async Task<Guid> ImportOneAsync(string user, string zip)
    {
        var result = await PipelineHarness.ImportAsync(user, [zip]);
        result.Totals.Inserted.ToDictionary()["place_visits"].ShouldBe(4, $"{user}'s visits are stored");
        result.Totals.Inserted.ToDictionary()["spotify_plays"].ShouldBe(ReadingExport.SameMinutePlays + 1, $"{user}'s plays are stored");
        result.Totals.Inserted.ToDictionary()["location_points"].ShouldBe(6, $"{user}'s fixes are stored");
        result.Totals.Inserted.ToDictionary()["youtube_watches"].ShouldBe(3, $"{user}'s watches are stored");
        result.Totals.Inserted.ToDictionary()["fit_days"].ShouldBe(2, $"{user}'s Fit days are stored");
        result.Totals.Inserted.ToDictionary()["keep_notes"].ShouldBe(1, $"{user}'s note is stored");
        return result.ImportId;
    }
}
