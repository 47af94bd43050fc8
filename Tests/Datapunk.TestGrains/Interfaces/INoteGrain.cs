namespace Datapunk.TestGrains;

/// <summary>A grain with one persisted text, for reading, writing and clearing state.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    /// <summary>Saves <paramref name="text"/> and returns once it is stored.</summary>
    Task SaveAsync(string text);

    /// <summary>Returns the note as this activation sees it.</summary>
    Task<NoteSnapshot> GetAsync();

    /// <summary>Removes the stored note.</summary>
    Task ClearAsync();

    /// <summary>Asks the runtime to deactivate this activation once the call ends.</summary>
    Task DeactivateAsync();
}
