using Datapunk.Lake.Reading;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Import.Tests.Reading;

/// <summary>
/// The map's extent adds up kept month extents (<see cref="FixMonthExtents"/>) for the whole months of a
/// range and scans the parts at its ends: every answer equals a scan of the fixes themselves, a merge into a
/// month empties that month's kept extent, and an extent computed while a merge commits is never kept.
/// </summary>
public sealed class MapExtentTests
{
    private static readonly MapExtentReader Extents = new(ImportDatabase.SiloLogin);

    // Fixes i every 20 s from 2019-01-01: about 133,900 a month. Four bursts of 40, in January to April 2019.
    private static readonly (long First, long Count)[] Bursts = [(1_000, 40), (140_000, 40), (270_000, 40), (400_000, 40)];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_range_gives_what_a_scan_of_its_fixes_gives_and_whole_months_are_kept_for_the_next_read()
    {
        var user = await ImportedAsync("extent", Bursts);
        DateTimeOffset At(int month, int day, int hour = 0) => new(2019, month, day, hour, 0, 0, TimeSpan.Zero);
        (DateTimeOffset? From, DateTimeOffset? To)[] ranges =
        [
            (null, null), (At(1, 1), At(1, 1).AddYears(1)), (At(2, 1), At(3, 1)), (At(1, 1, 6), At(3, 15)), (At(1, 2), At(1, 3)),
            (At(2, 10), null), (null, At(3, 1)), (At(5, 1), At(9, 1)), (new DateTimeOffset(2018, 12, 31, 23, 0, 0, TimeSpan.Zero), At(4, 30)),
        ];

        foreach (var (from, to) in ranges)
        {
            var expected = await ScannedAsync(user, from, to);
            (await Extents.ReadAsync(user, new TimeRange(from, to), Cancel)).ShouldBe(expected, $"{from}..{to}, first read");
            (await Extents.ReadAsync(user, new TimeRange(from, to), Cancel)).ShouldBe(expected, $"{from}..{to}, from kept months");
        }

        (await KeptAsync(user)).ShouldBe("24228:40 24229:40 24230:40 24231:40", "January to April 2019 are kept with their counts");
    }

    [Fact]
    public async Task An_import_into_a_kept_month_empties_it_and_the_next_read_counts_the_new_fixes()
    {
        var user = await ImportedAsync("extent-more", Bursts);
        var year = new TimeRange(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        (await Extents.ReadAsync(user, year, Cancel)).Fixes.ShouldBe(160);

        await ImportMoreAsync(user, (150_000, 25));

        (await KeptAsync(user)).ShouldBe("24228:40 24229:- 24230:40 24231:40", "February's merge emptied February only");
        var extent = await Extents.ReadAsync(user, year, Cancel);
        extent.ShouldBe(await ScannedAsync(user, year.From, year.To));
        extent.Fixes.ShouldBe(185);
    }

    [Fact]
    public async Task An_extent_computed_while_a_merge_of_its_month_commits_is_answered_once_and_not_kept()
    {
        var user = await ImportedAsync("extent-race", Bursts);
        var february = new TimeRange(new DateTimeOffset(2019, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 3, 1, 0, 0, 0, TimeSpan.Zero));
        const int February = 2019 * 12 + 1;

        // A merge of a fix into February that has not committed: it has bumped the month's version and holds its row.
        await using var connection = await ImportDatabase.SiloLogin.OpenConnectionAsync(Cancel);
        await using var merge = await UserDataScope.BeginAsync(connection, user, Cancel);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO timeseries.location_points (user_id, time, lat_e7, lng_e7, file_id, position)
            SELECT $1, '2019-02-20T12:00:00Z', 480000000, 110000000, file_id, ST_SetSRID(ST_MakePoint(11, 48), 4326)::geography
            FROM timeseries.location_points WHERE user_id = $1 LIMIT 1
            """, connection, merge))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = user });
            (await insert.ExecuteNonQueryAsync(Cancel)).ShouldBe(1);
        }

        await FixMonthExtents.InvalidateAsync(connection, merge, user, [February], Cancel);

        var read = Extents.ReadAsync(user, february, Cancel);
        await WaitForLockWaitAsync(user);
        await merge.CommitAsync(Cancel);

        (await read).Fixes.ShouldBe(40, "the read's snapshot began before the merge committed");
        (await KeptAsync(user)).ShouldContain("24229:-", Case.Sensitive, "the version changed while it scanned: its answer is not kept");
        (await Extents.ReadAsync(user, february, Cancel)).Fixes.ShouldBe(41, "the next read scans February again");
        (await KeptAsync(user)).ShouldContain("24229:41");
    }

    private static async Task<string> ImportedAsync(string prefix, params (long First, long Count)[] ranges)
    {
        var user = ImportDatabase.NewUser(prefix);
        await ImportMoreAsync(user, ranges);
        return user;
    }

    private static async Task ImportMoreAsync(string user, params (long First, long Count)[] ranges)
    {
        using var temp = new TempFolder();
        var zip = ArchiveBuilder.Zip(temp.File($"takeout-{Guid.NewGuid():N}.zip"), [("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes(ranges))]);
        var result = await PipelineHarness.ImportAsync(user, [zip]);
        result.Totals.Inserted.ToDictionary()["location_points"].ShouldBe(ranges.Sum(range => range.Count));
    }

    /// <summary>The user's kept months as <c>month:fixes</c>, <c>-</c> for one emptied and not computed since.</summary>
    private static Task<string> KeptAsync(string user) => ImportDatabase.ScalarAsync<string>("""
        SELECT coalesce(string_agg(month || ':' || coalesce(fixes::text, '-'), ' ' ORDER BY month), '')
        FROM timeseries.fix_month_extents WHERE user_id = $1
        """, user);

    private static async Task<MapExtent> ScannedAsync(string user, DateTimeOffset? from, DateTimeOffset? to)
    {
        await using var command = ImportDatabase.DataSource.CreateCommand("""
            SELECT count(*), min(lng_e7), min(lat_e7), max(lng_e7), max(lat_e7), min(time), max(time)
            FROM timeseries.location_points WHERE user_id = $1 AND time >= coalesce($2, '-infinity') AND time < coalesce($3, 'infinity')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        command.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = from?.UtcDateTime, DataTypeName = "timestamptz" });
        command.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = to?.UtcDateTime, DataTypeName = "timestamptz" });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        await reader.ReadAsync(Cancel);
        return reader.GetInt64(0) == 0
            ? new MapExtent(0, null, null, null)
            : new MapExtent(
                reader.GetInt64(0),
                new BoundingBox(reader.GetInt32(1) / 1e7, reader.GetInt32(2) / 1e7, reader.GetInt32(3) / 1e7, reader.GetInt32(4) / 1e7),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(5), TimeSpan.Zero),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(6), TimeSpan.Zero));
    }

    /// <summary>Waits until a statement of the silo's login waits for a row lock (the read's store of February).</summary>
    private static async Task WaitForLockWaitAsync(string user)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ImportDatabase.ScalarAsync<long>("""
            SELECT count(*) FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%fix_month_extents%' AND datname = current_database()
            """) == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the read of {user}'s February never waited for the merge's row");
            await Task.Delay(20, Cancel);
        }
    }
}
