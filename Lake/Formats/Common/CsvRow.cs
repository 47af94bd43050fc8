namespace Datapunk.Lake.Formats.Common;

/// <summary>One CSV record: its fields (quotes removed) and the byte offset where it starts in the entry.</summary>
public readonly record struct CsvRow(string[] Fields, long ByteOffset)
{
    /// <summary>The field at <paramref name="index"/>, or null where the row is shorter than the header.</summary>
    public string? this[int index] => index >= 0 && index < Fields.Length ? Fields[index] : null;
}
