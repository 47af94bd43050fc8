namespace Datapunk.Grains;

/// <summary>A source file (an export's entry, a polled page, a live batch) a dataset's rows came from, with how many rows it holds now.</summary>
[GenerateSerializer, Immutable, Alias("catalog-source-file")]
public sealed record DatasetSourceFile(
    [property: Id(0)] long FileId,
    [property: Id(1)] Guid ImportId,
    [property: Id(2)] string Path,
    [property: Id(3)] string? FormatId,
    [property: Id(4)] long Rows,
    [property: Id(5)] DateTimeOffset ImportedAt);
