namespace Datapunk.Lake.Tables;

/// <summary>The file formats a user's table may be uploaded in, as <c>user_data.user_tables.format</c> names them.</summary>
public static class TableFormats
{
    public const string Csv = "csv";
    public const string Json = "json";
    public const string JsonLines = "jsonl";
    public const string Parquet = "parquet";
    public const string Xlsx = "xlsx";
    public const string Xls = "xls";

    public static IReadOnlyList<string> All { get; } = [Csv, Json, JsonLines, Parquet, Xlsx, Xls];

    /// <summary>
    /// The format <paramref name="format"/> names (also <c>tsv</c>, <c>ndjson</c>), else the one the extension of
    /// <paramref name="fileName"/> says; null when neither tells.
    /// </summary>
    public static string? Resolve(string? format, string? fileName)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            return Normalize(format.Trim().TrimStart('.').ToLowerInvariant());
        }

        var extension = Path.GetExtension(fileName ?? "");
        return extension.Length > 1 ? Normalize(extension[1..].ToLowerInvariant()) : null;
    }

    private static string? Normalize(string name) => name switch
    {
        "csv" or "tsv" or "txt" => Csv,
        "json" => Json,
        "jsonl" or "ndjson" => JsonLines,
        "parquet" or "pq" => Parquet,
        "xlsx" or "xlsm" => Xlsx,
        "xls" => Xls,
        _ => null,
    };
}
