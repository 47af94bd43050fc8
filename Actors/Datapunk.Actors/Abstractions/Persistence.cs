namespace Datapunk.Actors;

/// <summary>A grain's durable state, read before activation and written when the grain asks.</summary>
public interface IPersistentState<TState>
    where TState : new()
{
    TState State { get; set; }

    /// <summary>The version of the stored state this activation last read or wrote; null when none is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when the stored version moved on.</summary>
    Task WriteStateAsync();

    Task ClearStateAsync();
}

/// <summary>Injects an <see cref="IPersistentState{TState}"/> constructor parameter.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    public string? StorageName { get; } = storageName;
}
