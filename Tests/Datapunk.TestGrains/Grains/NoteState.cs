namespace Datapunk.TestGrains;

/// <summary>The persisted text of a <see cref="NoteGrain"/>.</summary>
public sealed class NoteState
{
    public string? Text { get; set; }
}
