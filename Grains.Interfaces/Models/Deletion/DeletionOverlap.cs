namespace Datapunk.Grains;

/// <summary>
/// Another file, still present, that holds some of the records a deletion removes: a record is stored
/// once, with the first file it arrived in (or the richer copy's, for fixes), so its copies in later
/// files are known only as a count per pair of files. Its copies are restored by reading its kept
/// original again; without one they would be lost.
/// </summary>
/// <param name="FileId">The overlapping file.</param>
/// <param name="ImportId">The import that read it.</param>
/// <param name="Path">Its path inside its export.</param>
/// <param name="SharedRecords">How many of its records matched the deleted file's (or it holds whole, for a file skipped as unchanged): an upper bound of what it would lose.</param>
/// <param name="Rereadable">Its import's original is kept and can be read again.</param>
/// <param name="Reason">Why it cannot be read again, when it cannot.</param>
/// <param name="Originals">The kept uploads of its import, which are read again.</param>
[GenerateSerializer, Immutable, Alias("deletion-overlap")]
public sealed record DeletionOverlap(
    [property: Id(0)] long FileId,
    [property: Id(1)] Guid ImportId,
    [property: Id(2)] string Path,
    [property: Id(3)] long SharedRecords,
    [property: Id(4)] bool Rereadable,
    [property: Id(5)] string? Reason,
    [property: Id(6)] IReadOnlyList<Guid> Originals);
