using Datapunk.Lake.Tables;

namespace Datapunk.Lake.Tests.Tables;

/// <summary>
/// xlsx through ExcelDataReader on workbooks <see cref="XlsxWriter"/> writes (no xlsx writer is among the
/// packages); the binary xls format has no writer here, so only its refusal of a file that is not one is tested.
/// </summary>
public sealed class ExcelTableRowsTests
{
    [Fact]
    public async Task The_first_sheet_is_read_with_its_cell_types()
    {
        using var folder = new TempFolder();
        var path = folder.File("book.xlsx");
        XlsxWriter.Write(path,
            ("Data", [["Name", "Amount (EUR)", "Paid", "Day", null], ["Ada", 12.5, true, new DateTime(2024, 3, 5), null], [null, null, null, null, null], ["Bob", 3, false, new DateTime(2024, 3, 6), null]]),
            ("Other", [["X"], [1]]));

        var (file, rows) = await TableFileReads.ReadAllAsync(path, TableFormats.Xlsx);

        file.Header.ShouldBe(["Name", "Amount (EUR)", "Paid", "Day"]);
        file.Details.Sheet.ShouldBe("Data");
        rows.Select(r => r.Number).ShouldBe([1L, 3L], "an empty row is skipped but counted");
        rows[0].Cells.ShouldBe(["Ada", 12.5, true, new DateTime(2024, 3, 5)]);
        TableFileReads.Describe(await TableFileReads.ColumnsAsync(path, TableFormats.Xlsx))
            .ShouldBe("name:text, amount_eur:double precision, paid:boolean, day:date");
    }

    [Fact]
    public async Task A_sheet_is_chosen_by_name_or_position_and_a_missing_one_is_named()
    {
        using var folder = new TempFolder();
        var path = folder.File("book.xlsx");
        XlsxWriter.Write(path, ("First", [["A"], [1]]), ("Second", [["B"], [2]]));

        var (byName, _) = await TableFileReads.ReadAllAsync(path, TableFormats.Xlsx, new TableReadOptions("second"));
        var (byPosition, _) = await TableFileReads.ReadAllAsync(path, TableFormats.Xlsx, new TableReadOptions("2"));
        var error = await Should.ThrowAsync<TableFileException>(() => TableFileReads.ReadAllAsync(path, TableFormats.Xlsx, new TableReadOptions("Third")));

        byName.Header.ShouldBe(["B"]);
        byPosition.Header.ShouldBe(["B"]);
        error.Message.ShouldBe("The workbook has no sheet \"Third\"; its sheets are: \"First\", \"Second\".");
    }

    [Fact]
    public async Task A_workbook_declaring_more_than_the_bound_inflated_is_refused()
    {
        using var folder = new TempFolder();
        var path = folder.File("book.xlsx");
        XlsxWriter.Write(path, ("Data", [.. Enumerable.Range(0, 2000).Select(i => new object?[] { "same text over and over", i })]));

        var error = await Should.ThrowAsync<TableFileException>(() => TableFileReads.ReadAllAsync(path, TableFormats.Xlsx, new TableReadOptions(MaxInflatedBytes: 50_000)));

        error.Message.ShouldStartWith("The workbook would inflate to ");
    }

    [Theory]
    [InlineData(TableFormats.Xlsx)]
    [InlineData(TableFormats.Xls)]
    public async Task A_file_that_is_no_workbook_is_refused(string format)
    {
        using var folder = new TempFolder();
        var path = folder.File("book." + format);
        await File.WriteAllTextAsync(path, "a,b\n1,2\n", TestContext.Current.CancellationToken);

        await Should.ThrowAsync<TableFileException>(() => TableFileReads.ReadAllAsync(path, format));
    }
}
