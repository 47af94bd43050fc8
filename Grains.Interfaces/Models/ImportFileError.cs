namespace Datapunk.Grains;

/// <summary>A file (archive entry, or a whole archive part) that could not be imported, and why.</summary>
/// <param name="File">The entry key, <c>archive name!path inside</c>, or the archive's name when the whole part failed.</param>
/// <param name="Message">What went wrong and where (the byte offset, when a reader knows it).</param>
[GenerateSerializer, Immutable, Alias("import-file-error")]
public sealed record ImportFileError([property: Id(0)] string File, [property: Id(1)] string Message);
