using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;

namespace Datapunk.Import.Tests.Identity;

/// <summary>
/// The same morning from five exports (<see cref="SameDayExports"/>) is one set of fixes and one
/// visit and trip, whatever the order the files arrive in, with the richest copy of each fix kept;
/// and each format's newer, overlapping export adds only what is new.
/// </summary>
public sealed class CrossFormatIdentityTests : IDisposable
{
    private const int Fixes = 60;

    private readonly TempFolder _temp = new();

    /// <summary>Every order of the five formats, as the entries of one archive read in turn (the merges of two entries may overlap).</summary>
    public static TheoryData<string> EveryOrder()
    {
        var orders = new TheoryData<string>();
        foreach (var order in Permutations(SameDayExports.Formats))
        {
            orders.Add(string.Join(",", order));
        }

        return orders;
    }

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public async Task The_same_morning_from_five_formats_in_any_order_is_stored_once_with_the_richest_copies(string order)
    {
        var formats = order.Split(',');
        var user = ImportDatabase.NewUser("five-formats");
        var entries = formats.Select(format => SameDayExports.Entry(format, 0, Fixes - 1)).ToArray();
        var archive = ArchiveBuilder.Zip(_temp.File("takeout.zip"), entries);

        var result = await PipelineHarness.ImportAsync(user, [archive], new() { LocationRows = 25 });

        result.Outcome.End.ShouldBe(ImportRunEnd.Completed, result.Outcome.Message);
        result.Totals.Files.Imported.ShouldBe(5);
        result.Totals.Rejected.Total.ShouldBe(0);
        result.Inserted("location_points").ShouldBe(Fixes);
        result.Totals.Matched[MatchRule.CrossFormat].ShouldBe(4 * Fixes + 4, "each fix, the visit and the bus trip again from every later format");
        result.Totals.Duplicates.ShouldBe(result.Totals.Matched.Total);
        (await StoredFixesAsync(user)).ShouldBe(ExpectedFixes(0, Fixes - 1), "the Records.json copy of every fix, whichever came first");
        var counts = await ImportDatabase.CountsAsync(user);
        counts.GetValueOrDefault("place_visits").ShouldBe(1);
        counts.GetValueOrDefault("activity_segments").ShouldBe(2, "the walk (only Semantic Location History has it) and the bus trip");
    }

    [Theory]
    [InlineData("records")]
    [InlineData("legacy")]
    [InlineData("semantic")]
    [InlineData("android")]
    [InlineData("ios")]
    public async Task A_newer_export_of_the_same_format_adds_only_its_new_fixes(string format)
    {
        var user = ImportDatabase.NewUser("newer-" + format);
        var older = ArchiveBuilder.Zip(_temp.File("older.zip"), SameDayExports.Entry(format, 0, 39));
        var newer = ArchiveBuilder.Zip(_temp.File("newer.zip"), SameDayExports.Entry(format, 20, 59));

        var first = await PipelineHarness.ImportAsync(user, [older]);
        var second = await PipelineHarness.ImportAsync(user, [newer]);

        first.Inserted("location_points").ShouldBe(40);
        second.Outcome.End.ShouldBe(ImportRunEnd.Completed, second.Outcome.Message);
        second.Inserted("location_points").ShouldBe(20, "fixes 40 to 59 are new");
        second.Totals.Matched[MatchRule.Exact].ShouldBeGreaterThanOrEqualTo(20, "fixes 20 to 39 were stored from the same format");
        second.Totals.Matched[MatchRule.CrossFormat].ShouldBe(0);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM timeseries.location_points WHERE user_id = $1", user)).ShouldBe(Fixes);
    }

    [Fact]
    public async Task Separate_imports_in_opposite_orders_store_the_same_fixes_and_count_the_matches_by_rule()
    {
        var forward = ImportDatabase.NewUser("forward");
        var backward = ImportDatabase.NewUser("backward");
        foreach (var (user, formats) in new[] { (forward, SameDayExports.Formats), (backward, SameDayExports.Formats.Reverse().ToList()) })
        {
            var matched = 0L;
            for (var i = 0; i < formats.Count; i++)
            {
                var archive = ArchiveBuilder.Zip(_temp.File($"{user}-{i}.zip"), SameDayExports.Entry(formats[i], 0, Fixes - 1));
                var result = await PipelineHarness.ImportAsync(user, [archive]);
                result.Outcome.End.ShouldBe(ImportRunEnd.Completed, result.Outcome.Message);
                result.Totals.Files.Imported.ShouldBe(1, $"{formats[i]}: {string.Join("; ", result.Totals.Errors.Select(e => e.Message))}");
                result.Totals.Matched[MatchRule.CrossSource].ShouldBe(0);
                result.Inserted("location_points").ShouldBe(i == 0 ? Fixes : 0, $"{formats[i]} after {string.Join(", ", formats.Take(i))}");
                matched += result.Totals.Matched[MatchRule.CrossFormat];
            }

            matched.ShouldBe(4 * Fixes + 4);
        }

        (await ImportDatabase.ScalarAsync<string>(
                "SELECT string_agg(DISTINCT rule, ',') || ' ' || sum(records) FROM imports.file_matches WHERE user_id = $1", forward))
            .ShouldBe("cross_format 244", "every match is kept as lineage: which file's records matched which file's");
        (await StoredFixesAsync(forward)).ShouldBe(await StoredFixesAsync(backward));
        (await StoredFixesAsync(forward)).ShouldBe(ExpectedFixes(0, Fixes - 1));
    }

    public void Dispose() => _temp.Dispose();

    private static List<string> ExpectedFixes(int first, int last) =>
        [.. Enumerable.Range(first, last - first + 1).Select(k => SameDayExports.Fix(k) is var f
            ? $"{f.Time:yyyy-MM-dd'T'HH:mm:ss.fff} {f.LatitudeE7} {f.LongitudeE7} {f.Accuracy} GPS {SameDayExports.DeviceTag} 7 3"
            : "")];

    private static async Task<List<string>> StoredFixesAsync(string user)
    {
        var fixes = new List<string>();
        await using var command = ImportDatabase.DataSource.CreateCommand("""
            SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') || ' ' || lat_e7 || ' ' || lng_e7 || ' ' || coalesce(accuracy_m::text, '-')
                   || ' ' || coalesce(source, '-') || ' ' || coalesce(device::text, '-') || ' ' || coord_digits || ' ' || time_digits
            FROM timeseries.location_points WHERE user_id = $1 ORDER BY time
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            fixes.Add(reader.GetString(0));
        }

        return fixes;
    }

    private static IEnumerable<IReadOnlyList<string>> Permutations(IReadOnlyList<string> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items.Where((_, j) => j != i)]).Select(rest => (IReadOnlyList<string>)[item, .. rest]));
}
