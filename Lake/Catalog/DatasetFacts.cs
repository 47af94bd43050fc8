namespace Datapunk.Lake.Catalog;

/// <summary>What a scan found of one dataset before its schema, quality and PII are measured: its rows, span and source files.</summary>
internal sealed record DatasetFacts(
    string Id, string Zone, string Origin, string Source, string? Kind, long Rows,
    DateTimeOffset? FirstAt, DateTimeOffset? LastAt, DateTimeOffset? LastUpdate, IReadOnlyList<DatasetSourceFile> Files)
{
    /// <summary>The ids of every source file, for the queries that read the dataset's rows.</summary>
    public long[] FileIds { get; } = [.. Files.Select(file => file.FileId)];
}
