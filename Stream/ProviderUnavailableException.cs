namespace Datapunk.Streams;

/// <summary>The provider stayed throttled, down or slow through the retries (or its circuit is open); the poll is tried again later.</summary>
public sealed class ProviderUnavailableException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>How long the provider asked to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
