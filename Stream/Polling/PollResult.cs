namespace Datapunk.Streams.Polling;

/// <summary>What one poll did: pages stored, new records, requests sent, and the error that ended it (null when it succeeded).</summary>
public sealed record PollResult(bool Succeeded, int Pages, int NewRecords, int Requests, string? Error, DateTimeOffset? NextPoll);
