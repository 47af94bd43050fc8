namespace Datapunk.Lake.Tables;

/// <summary>What was detected while opening a file: a CSV file's delimiter and encoding, a workbook's sheet.</summary>
public sealed record TableFileDetails(string? Delimiter = null, string? Encoding = null, string? Sheet = null);
