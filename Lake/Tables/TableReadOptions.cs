namespace Datapunk.Lake.Tables;

/// <summary>How to read an uploaded file: the workbook sheet (by name or 1-based position; the first by default) and the bounds of what it may inflate to.</summary>
public sealed record TableReadOptions(string? Sheet = null, long MaxInflatedBytes = TableReadOptions.DefaultMaxInflatedBytes)
{
    /// <summary>An xlsx is a zip: its parts may declare at most this many bytes together once decompressed.</summary>
    public const long DefaultMaxInflatedBytes = 2L << 30;
}
