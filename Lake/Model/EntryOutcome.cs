namespace Datapunk.Lake.Model;

/// <summary>How an entry ended, as its row in <c>imports.files</c> records it.</summary>
internal sealed record EntryOutcome
{
    public required string EntryKey { get; init; }

    public required string Source { get; init; }

    public required string Path { get; init; }

    public required EntryStatus Status { get; init; }

    public string? FormatId { get; init; }

    public string? Variant { get; init; }

    public byte[]? ContentHash { get; init; }

    /// <summary>SHA-256 of the first 64 KiB, the ledger's pre-check.</summary>
    public byte[]? HeadHash { get; init; }

    public long? Bytes { get; init; }

    /// <summary>The entry's file name when its format's path carries meaning (<see cref="Formats.IExportFormatReader.PathCarriesMeaning"/>), else null.</summary>
    public string? PathKey { get; init; }

    public string? Error { get; init; }

    /// <summary>For an unchanged entry: the records it held when first imported (reported as duplicates).</summary>
    public long UnchangedRecords { get; init; }

    public int Warnings { get; init; }

    public IReadOnlyList<string> WarningExamples { get; init; } = [];

    /// <summary>Records the reader met and could not store, by reason.</summary>
    public RejectedRecords Rejected { get; init; } = new();

    public IReadOnlyDictionary<string, string> UnknownFields { get; init; } = new Dictionary<string, string>();
}
