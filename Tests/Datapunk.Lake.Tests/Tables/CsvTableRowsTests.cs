using Datapunk.Lake.Tables;

namespace Datapunk.Lake.Tests.Tables;

public sealed class CsvTableRowsTests
{
    public static TheoryData<string, string, string> Dialects => new()
    {
        { "utf-8", ",", "comma, UTF-8 without BOM" },
        { "utf-8-bom", ";", "semicolon, UTF-8 with BOM" },
        { "utf-16", "\t", "tab, UTF-16 with BOM" },
        { "windows-1252", ";", "semicolon, Windows-1252" },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task The_delimiter_and_encoding_are_detected(string encodingName, string delimiter, string because)
    {
        using var folder = new TempFolder();
        var path = folder.File("table.csv");
        var text = $"Name{delimiter}Stadt{delimiter}\"Note, quoted\"\r\nZoë{delimiter}Köln{delimiter}\"a \"\"b\"\"{delimiter} c\"\r\nJosé{delimiter}Málaga{delimiter}\r\n";
        var encoding = encodingName switch
        {
            "utf-8" => new UTF8Encoding(false),
            "utf-8-bom" => new UTF8Encoding(true),
            "utf-16" => Encoding.Unicode,
            _ => CodePagesEncoding(),
        };
        await File.WriteAllBytesAsync(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)], TestContext.Current.CancellationToken);

        var (file, rows) = await TableFileReads.ReadAllAsync(path, TableFormats.Csv);

        file.Header.ShouldBe(["Name", "Stadt", "Note, quoted"], because);
        rows.Select(r => r.Cells).ShouldBe([["Zoë", "Köln", $"a \"b\"{delimiter} c"], ["José", "Málaga", null]], because);
        rows.Select(r => r.Number).ShouldBe([1L, 2L]);
        file.Details.Delimiter.ShouldBe(delimiter == "\t" ? "tab" : delimiter, because);
        file.Details.Encoding.ShouldBe(encodingName switch { "utf-8-bom" => "utf-8", "utf-16" => "utf-16", var name => name }, because);
    }

    [Fact]
    public async Task A_row_with_more_fields_than_the_header_names_its_row()
    {
        using var folder = new TempFolder();
        var path = folder.File("table.csv");
        await File.WriteAllTextAsync(path, "a,b\n1,2\n3,4,5\n", TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<TableFileException>(() => TableFileReads.ReadAllAsync(path, TableFormats.Csv));

        error.Message.ShouldBe("row 2 has 3 fields, but the header has 2: \"5\" has no column.");
    }

    private static Encoding CodePagesEncoding()
    {
        CodePages.EnsureRegistered();
        return Encoding.GetEncoding(1252);
    }
}
