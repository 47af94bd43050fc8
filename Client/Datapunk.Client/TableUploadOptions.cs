namespace Datapunk.Client;

/// <summary>
/// How a table upload reads its file and corrects the inferred columns: the format (else the file's
/// extension), the workbook sheet, types by column (<c>amount</c> -> <c>numeric</c>), new names by column, and
/// columns left out. Columns are named by their inferred name or their header.
/// </summary>
public sealed record TableUploadOptions(
    string? Format = null,
    string? Sheet = null,
    IReadOnlyDictionary<string, string>? Types = null,
    IReadOnlyDictionary<string, string>? Renames = null,
    IReadOnlyList<string>? Skip = null)
{
    /// <summary>The query string <c>/api/v1/tables</c> takes, without its <c>?</c>.</summary>
    public string ToQuery(string fileName)
    {
        var parameters = new List<(string, string)> { ("fileName", fileName) };
        if (Format is not null)
        {
            parameters.Add(("format", Format));
        }

        if (Sheet is not null)
        {
            parameters.Add(("sheet", Sheet));
        }

        parameters.AddRange((Types ?? new Dictionary<string, string>()).Select(pair => ("type", $"{pair.Key}:{pair.Value}")));
        parameters.AddRange((Renames ?? new Dictionary<string, string>()).Select(pair => ("rename", $"{pair.Key}:{pair.Value}")));
        parameters.AddRange((Skip ?? []).Select(column => ("skip", column)));
        return string.Join('&', parameters.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
    }
}
