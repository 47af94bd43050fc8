namespace Datapunk.Actors.Storage;

/// <summary>Identifies one named state of one grain.</summary>
public readonly record struct GrainStateKey(GrainId GrainId, string StateName);

/// <summary>
/// Proof of ownership carried by every write: the silo and the lease epoch under which the writing
/// activation was created. Storage refuses the write unless that lease is still current.
/// </summary>
public readonly record struct WriteFence(string SiloId, int Partition, long Epoch);

/// <summary>A stored state and its version.</summary>
public sealed record StoredState(string Json, string Etag);

/// <summary>Where grain state lives. Writes are conditional on the etag and fenced by the partition lease.</summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    /// <summary>Writes the JSON if the stored etag still equals <paramref name="expectedEtag"/>; returns the new etag.</summary>
    Task<string> WriteAsync(GrainStateKey key, string json, string? expectedEtag, WriteFence fence, CancellationToken cancellationToken = default);

    Task ClearAsync(GrainStateKey key, string? expectedEtag, WriteFence fence, CancellationToken cancellationToken = default);
}
