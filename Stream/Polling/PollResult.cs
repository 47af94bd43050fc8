namespace Datapunk.Streams.Polling;

/// <summary>
/// What one poll did: pages stored, new records, requests sent, the error that ended it (null when it
/// succeeded), and the stored records it replaced with the provider's newer versions.
/// </summary>
public sealed record PollResult(bool Succeeded, int Pages, int NewRecords, int Requests, string? Error, DateTimeOffset? NextPoll, int UpdatedRecords = 0)
{
    /// <summary>The records the poll stored or replaced: what derived data (the catalog, embeddings) must see.</summary>
    public int ChangedRecords => NewRecords + UpdatedRecords;
}
