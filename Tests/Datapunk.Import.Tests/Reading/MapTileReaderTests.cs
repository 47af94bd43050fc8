using Datapunk.Lake.Reading;

namespace Datapunk.Import.Tests.Reading;

/// <summary>Vector tiles of fixes: they decode to the fixes where they are, thin a crowded tile to a bounded grid that counts every fix, never show another user's.</summary>
public sealed class MapTileReaderTests
{
    private static readonly MapTileReader Tiles = new(ImportDatabase.SiloLogin);

    private static readonly MapExtentReader Extents = new(ImportDatabase.SiloLogin);

    private static Task<MapTile> TileAsync(string user, int z, (int X, int Y) tile, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        Tiles.ReadAsync(user, new MapTileQuery(z, tile.X, tile.Y, from, to), ReadingData.Cancel);

    [Fact]
    public async Task A_tile_decodes_to_the_users_fixes_in_it_each_with_its_time_and_accuracy()
    {
        await ReadingData.ReadyAsync();
        var berlin = DecodedFix.TileOf(52.52, 13.405, 10);
        DecodedFix.TileOf(52.529, 13.4197, 10).ShouldBe(berlin, "the test's Berlin fixes share a tile at zoom 10");
        var munich = DecodedFix.TileOf(48.1351, 11.582, 10);

        var tile = await TileAsync(ReadingData.A, 10, berlin);
        var other = await TileAsync(ReadingData.A, 10, munich);

        tile.Thinned.ShouldBeFalse();
        tile.Fixes.ShouldBe(5, "A's five Berlin fixes; B has five more at the same places and times");
        var fixes = DecodedFix.Decode(tile.Data, 10, berlin.X, berlin.Y);
        fixes.Count.ShouldBe(5);
        fixes.Select(fix => DateTimeOffset.FromUnixTimeSeconds(fix.T)).ShouldBe([
            new(2019, 5, 2, 22, 30, 0, TimeSpan.Zero), new(2019, 5, 3, 10, 0, 0, TimeSpan.Zero), new(2019, 5, 3, 10, 1, 0, TimeSpan.Zero),
            new(2019, 5, 3, 10, 3, 0, TimeSpan.Zero), new(2019, 5, 3, 10, 30, 0, TimeSpan.Zero)]);
        fixes.ShouldAllBe(fix => fix.Acc == 10 && fix.Count == 1);
        // A tile unit at zoom 10 is 0.35 / 4096 degrees of longitude: about 9 m.
        fixes[0].Lat.ShouldBe(52.52, 0.0002);
        fixes[0].Lng.ShouldBe(13.405, 0.0002);
        fixes[4].Lat.ShouldBe(52.529, 0.0002);
        fixes[4].Lng.ShouldBe(13.4197, 0.0002);
        var inMunich = DecodedFix.Decode(other.Data, 10, munich.X, munich.Y).ShouldHaveSingleItem();
        inMunich.Lat.ShouldBe(48.1351, 0.0002);
        inMunich.Lng.ShouldBe(11.582, 0.0002);
    }

    [Fact]
    public async Task A_tile_has_only_the_callers_fixes_in_the_time_range_and_nothing_where_they_have_none()
    {
        await ReadingData.ReadyAsync();
        await ZurichFixes.UserAsync();

        var world = await TileAsync(ReadingData.A, 0, (0, 0));
        var twoMinutes = await TileAsync(ReadingData.A, 0, (0, 0), new DateTimeOffset(2019, 5, 3, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 5, 3, 10, 2, 0, TimeSpan.Zero));
        var zurich = await TileAsync(ReadingData.A, 10, DecodedFix.TileOf(47.35, 8.55, 10));

        world.Fixes.ShouldBe(6, "A's six fixes, none of B's nor of the 20,000 another user has near Zurich");
        DecodedFix.Decode(world.Data, 0, 0, 0).Sum(fix => fix.Count).ShouldBe(6);
        twoMinutes.Fixes.ShouldBe(2, "from is included, to is excluded");
        zurich.Fixes.ShouldBe(0);
        zurich.Features.ShouldBe(0);
        zurich.Data.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_crowded_tile_is_thinned_to_a_grid_of_cells_whose_counts_add_up_to_every_fix()
    {
        var user = await ZurichFixes.UserAsync();

        var world = await TileAsync(user, 0, (0, 0));
        var close = await TileAsync(user, 16, DecodedFix.TileOf(47.337, 8.591, 16));

        world.Thinned.ShouldBeTrue();
        world.Fixes.ShouldBe(20_000);
        var cells = DecodedFix.Decode(world.Data, 0, 0, 0);
        cells.Count.ShouldBe(1, "the fixes lie within 0.1 degree: one cell of 360 / 128 degrees");
        cells[0].Count.ShouldBe(20_000);
        cells[0].T.ShouldBe(new DateTimeOffset(LocationHistoryWriter.Start).ToUnixTimeSeconds(), "a cell's time is its first fix's");
        cells[0].Lat.ShouldBe(47.35, 0.5);
        cells[0].Lng.ShouldBe(8.55, 0.5);
        close.Thinned.ShouldBeFalse("a street-level tile holds a few of them, each sent");
        close.Fixes.ShouldBeInRange(1, MapTileReader.MaxSingleFixes);
    }

    [Fact]
    public async Task Every_fix_is_in_exactly_one_tile_of_a_zoom_and_no_tile_exceeds_its_feature_bound()
    {
        var user = await ZurichFixes.UserAsync();
        const int z = 12;
        var (west, north) = DecodedFix.TileOf(47.4, 8.5, z);
        var (east, south) = DecodedFix.TileOf(47.3, 8.6, z);

        var tiles = new List<MapTile>();
        for (var x = west; x <= east; x++)
        {
            for (var y = north; y <= south; y++)
            {
                tiles.Add(await TileAsync(user, z, (x, y)));
            }
        }

        tiles.Count.ShouldBeGreaterThan(1, "the fixes span tiles at zoom 12");
        tiles.Sum(tile => tile.Fixes).ShouldBe(20_000);
        tiles.ShouldAllBe(tile => tile.Features <= MapTileGrid.Cells * MapTileGrid.Cells && tile.Data.Length < 500_000);
    }

    [Fact]
    public async Task The_extent_is_the_box_and_times_around_the_callers_fixes_in_the_range()
    {
        await ReadingData.ReadyAsync();

        var all = await Extents.ReadAsync(ReadingData.A, new TimeRange(null, null), ReadingData.Cancel);
        var none = await Extents.ReadAsync(ReadingData.A, new TimeRange(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), null), ReadingData.Cancel);

        all.ShouldBe(new MapExtent(6, new BoundingBox(11.582, 48.1351, 13.4197, 52.529),
            new DateTimeOffset(2019, 5, 2, 22, 30, 0, TimeSpan.Zero), new DateTimeOffset(2019, 5, 3, 10, 30, 0, TimeSpan.Zero)));
        none.ShouldBe(new MapExtent(0, null, null, null));
    }

    [Theory]
    [InlineData(23, 0, 0, "z")]
    [InlineData(-1, 0, 0, "z")]
    [InlineData(2, 4, 0, "x")]
    [InlineData(2, 0, -1, "y")]
    public void A_tile_that_does_not_exist_is_refused_naming_the_bad_part(int z, int x, int y, string part) =>
        MapTileQueries.Check(new MapTileQuery(z, x, y, null, null)).ByParameter.Keys.ShouldBe([part]);
}
