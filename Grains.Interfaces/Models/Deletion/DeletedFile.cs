namespace Datapunk.Grains;

/// <summary>A source file whose stored rows a deletion removes.</summary>
/// <param name="FileId">Its id in <c>imports.files</c> (the provenance its rows carry).</param>
/// <param name="Path">Its path inside the export.</param>
/// <param name="FormatId">The format it was read as; null for a file no reader recognised.</param>
/// <param name="Rows">How many rows stored from it go.</param>
[GenerateSerializer, Immutable, Alias("deleted-file")]
public sealed record DeletedFile(
    [property: Id(0)] long FileId,
    [property: Id(1)] string Path,
    [property: Id(2)] string? FormatId,
    [property: Id(3)] long Rows);
