using System.Collections.Concurrent;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Reuses the location arrays of merged chunks: each is a large-object-heap array of a few
/// megabytes, and at most queue capacity + merge workers + 1 of them are alive in a run.
/// </summary>
internal sealed class ChunkBufferPool(int rowsPerChunk)
{
    private readonly ConcurrentBag<LocationFix[]> _free = [];

    public LocationFix[] Rent() => _free.TryTake(out var buffer) ? buffer : new LocationFix[rowsPerChunk];

    public void Return(LocationFix[] buffer) => _free.Add(buffer);
}
