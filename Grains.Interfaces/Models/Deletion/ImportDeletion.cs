namespace Datapunk.Grains;

/// <summary>
/// What deleting one import, or one source file of it, removes and what it leaves (docs/catalog.md,
/// "Deleting an export"): the preview of a dry run, or the report of the deletion that ran.
/// </summary>
/// <param name="ImportId">The import the files belong to.</param>
/// <param name="FileId">The one source file deleted, or null for every file of the import.</param>
/// <param name="Deleted">False for a dry run (or a refused deletion): nothing was changed.</param>
/// <param name="Files">The source files whose stored rows go (their rows in <c>imports.files</c> stay, as history).</param>
/// <param name="Records">Rows that go, by kind (<c>location_points</c> for fixes); only kinds with rows.</param>
/// <param name="Embeddings">Vectors of those records (semantic search) that go with them.</param>
/// <param name="Overlapping">Other files that hold some of the same records; see <see cref="DeletionOverlap"/>.</param>
/// <param name="KeptOriginals">Uploads of this import kept as originals (bronze): they stay; remove them with <c>DELETE /api/v1/uploads/{id}</c>.</param>
/// <param name="Models">Model versions trained on a window that covers the deleted rows' span: they stay, trained with data now gone.</param>
/// <param name="RereadImportId">The import that reads the overlapping files' kept originals again to restore their copies, when one was started.</param>
/// <param name="LossAccepted">The deletion goes ahead although some overlapping files' copies cannot be restored.</param>
[GenerateSerializer, Immutable, Alias("import-deletion")]
public sealed record ImportDeletion(
    [property: Id(0)] Guid ImportId,
    [property: Id(1)] long? FileId,
    [property: Id(2)] bool Deleted,
    [property: Id(3)] IReadOnlyList<DeletedFile> Files,
    [property: Id(4)] IReadOnlyDictionary<string, long> Records,
    [property: Id(5)] long Embeddings,
    [property: Id(6)] IReadOnlyList<DeletionOverlap> Overlapping,
    [property: Id(7)] IReadOnlyList<Guid> KeptOriginals,
    [property: Id(8)] IReadOnlyList<TrainedModelVersion> Models,
    [property: Id(9)] Guid? RereadImportId,
    [property: Id(10)] bool LossAccepted)
{
    /// <summary>Every row that goes, all kinds together.</summary>
    public long TotalRecords => Records.Values.Sum();

    /// <summary>The overlapping files whose copies of the deleted records cannot be read again (no kept original).</summary>
    public IEnumerable<DeletionOverlap> Unrecoverable => Overlapping.Where(file => !file.Rereadable);
}
