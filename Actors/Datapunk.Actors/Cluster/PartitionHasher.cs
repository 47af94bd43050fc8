namespace Datapunk.Actors.Cluster;

/// <summary>
/// Maps a grain id to one of the cluster's partitions with FNV-1a (64-bit), which is stable across
/// processes and versions, unlike <see cref="string.GetHashCode()"/>.
/// </summary>
public static class PartitionHasher
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static int PartitionOf(GrainId grainId, int partitionCount)
    {
        var hash = OffsetBasis;
        hash = Mix(hash, grainId.Type);
        hash = (hash ^ '/') * Prime;
        hash = Mix(hash, grainId.Key);
        return (int)(hash % (ulong)partitionCount);
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var character in text)
        {
            hash = (hash ^ (byte)character) * Prime;
            hash = (hash ^ (byte)(character >> 8)) * Prime;
        }

        return hash;
    }
}
