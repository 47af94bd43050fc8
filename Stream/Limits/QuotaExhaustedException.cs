namespace Datapunk.Streams.Limits;

/// <summary>A quota that would make a request wait longer than a poll may: the poll ends and is retried after <see cref="RetryAfter"/>.</summary>
public sealed class QuotaExhaustedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
