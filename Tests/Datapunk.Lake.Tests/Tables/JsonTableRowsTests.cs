using Datapunk.Lake.Tables;

namespace Datapunk.Lake.Tests.Tables;

public sealed class JsonTableRowsTests
{
    [Theory]
    [InlineData(TableFormats.Json, "[{\"id\": 1, \"name\": \"Ada\", \"address\": {\"city\": \"London\", \"geo\": {\"lat\": 51.5}}, \"tags\": [\"a\", \"b\"]},\n {\"id\": 2, \"price\": 12.50, \"big\": 1e300, \"ok\": true, \"name\": null}]")]
    [InlineData(TableFormats.JsonLines, "{\"id\": 1, \"name\": \"Ada\", \"address\": {\"city\": \"London\", \"geo\": {\"lat\": 51.5}}, \"tags\": [\"a\", \"b\"]}\n{\"id\": 2, \"price\": 12.50, \"big\": 1e300, \"ok\": true, \"name\": null}\n")]
    public async Task Objects_become_rows_with_nested_fields_one_level_flat(string format, string content)
    {
        using var folder = new TempFolder();
        var path = folder.File("table." + format);
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);

        var (file, rows) = await TableFileReads.ReadAllAsync(path, format);

        file.Header.ShouldBe(["id", "name", "address.city", "address.geo", "tags", "price", "big", "ok"]);
        rows[0].Cells.ShouldBe([1L, "Ada", "London", "{\"lat\": 51.5}", "[\"a\", \"b\"]", null, null, null]);
        rows[1].Cells.ShouldBe([2L, null, null, null, null, 12.50m, 1e300, true]);
        TableFileReads.Describe(await TableFileReads.ColumnsAsync(path, format)).ShouldBe(
            "id:bigint, name:text, address_city:text, address_geo:text, tags:text, price:numeric, big:double precision, ok:boolean");
    }

    [Fact]
    public async Task A_field_first_seen_after_the_sampled_rows_names_its_row()
    {
        using var folder = new TempFolder();
        var path = folder.File("late.jsonl");
        var lines = Enumerable.Range(1, JsonTableRows.HeaderRows).Select(i => $"{{\"id\": {i}}}").Append("{\"id\": 0, \"late\": 1}");
        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<TableFileException>(() => TableFileReads.ReadAllAsync(path, TableFormats.JsonLines));

        error.Message.ShouldStartWith("row 1,001 has a field \"late\" that none of the first 1,000 rows has");
    }

    [Fact]
    public async Task A_row_that_is_not_an_object_names_its_row()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.json");
        await File.WriteAllTextAsync(path, "[{\"a\": 1}, 2]", TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<TableFileException>(() => TableFileReads.ReadAllAsync(path, TableFormats.Json));

        error.Message.ShouldStartWith("row 2 is a JSON number, not an object");
    }
}
