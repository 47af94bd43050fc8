namespace Datapunk.TestGrains;

/// <summary>The persisted text of a <see cref="NoteGrain"/>.</summary>
[GenerateSerializer, Alias("test-note-state")]
public sealed record NoteState
{
    [Id(0)] public string? Text { get; init; }
}
