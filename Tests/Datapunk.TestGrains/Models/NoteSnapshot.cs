namespace Datapunk.TestGrains;

/// <summary>A note grain's state as its current activation sees it.</summary>
/// <param name="Text">The saved text, or null when none is stored.</param>
/// <param name="RecordExists">Whether the storage holds a record for the note.</param>
/// <param name="Etag">The stored version the activation last read or wrote.</param>
/// <param name="ActivationId">The activation that answers, new for every activation.</param>
[GenerateSerializer, Immutable]
public sealed record NoteSnapshot(
    [property: Id(0)] string? Text,
    [property: Id(1)] bool RecordExists,
    [property: Id(2)] string? Etag,
    [property: Id(3)] Guid ActivationId);
