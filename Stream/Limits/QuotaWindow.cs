namespace Datapunk.Streams.Limits;

/// <summary>At most <paramref name="Limit"/> requests in any <paramref name="Length"/>, counted under the Redis key <paramref name="Key"/>.</summary>
public sealed record QuotaWindow(string Key, int Limit, TimeSpan Length);
