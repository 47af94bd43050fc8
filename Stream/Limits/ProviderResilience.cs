using System.Collections.Concurrent;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Datapunk.Streams.Limits;

/// <summary>
/// Each provider's resilience pipeline (Polly), shared by every connection of the provider on this
/// silo: an attempt times out after the provider's request timeout; 429 waits what Retry-After says;
/// 5xx, timeouts, network errors and Google's 403 rate limits (<see cref="GoogleUsageLimits"/>) retry
/// with exponential backoff and jitter; Google's 403 for a daily quota spent ends the poll until the
/// quota is reset, as a long Retry-After does; and a circuit breaker
/// stops calling a provider that fails most requests, for <see cref="BreakDuration"/>, so its
/// connections fail fast instead of each waiting out its own retries.
/// </summary>
public sealed class ProviderResilience
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this ends the poll instead (the next poll is scheduled after it): waiting it out would pass the poll's 25 s budget.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TimeSpan, ResiliencePipeline> _attempts = new();

    /// <summary>The first backoff delay; later ones double (with jitter).</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public int MaxRetries { get; init; } = 4;

    /// <summary>
    /// The provider's calls: retries around its circuit breaker. Each attempt waits for the quota first
    /// and then sends within <see cref="AttemptFor"/>, so time spent waiting for the quota is not
    /// counted as the provider's slowness.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> For(string provider) => _pipelines.GetOrAdd(provider, _ => Build());

    /// <summary>One attempt's timeout: a slow provider fails the attempt (and counts against its circuit) rather than holding the poll.</summary>
    public ResiliencePipeline AttemptFor(TimeSpan requestTimeout) =>
        _attempts.GetOrAdd(requestTimeout, timeout => new ResiliencePipelineBuilder().AddTimeout(timeout).Build());

    /// <summary>Whether the response is worth retrying: throttled (429, or Google's 403 for a limit reached), or a server error.</summary>
    public static async ValueTask<bool> IsTransientAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500
        || await GoogleUsageLimits.OfAsync(response) != UsageLimit.None;

    /// <summary>
    /// How long a 429 or 503 asked to wait, when it said; for Google's 403 for a daily quota spent, until
    /// the quota is reset (longer than any poll waits, so the poll ends and the next comes after it).
    /// </summary>
    public static async ValueTask<TimeSpan?> RetryAfterOfAsync(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => await GoogleUsageLimits.OfAsync(response) == UsageLimit.Daily ? GoogleUsageLimits.UntilDailyReset(DateTimeOffset.UtcNow) : null,
    };

    private ResiliencePipeline<HttpResponseMessage> Build()
    {
        static async ValueTask<bool> Transient(Outcome<HttpResponseMessage> outcome) => outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => await IsTransientAsync(response),
            _ => false,
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = async args =>
                    await Transient(args.Outcome)
                    && !(args.Outcome.Result is { } response && await RetryAfterOfAsync(response) > LongestRetryAfter),
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstBackoff,
                DelayGenerator = async args => args.Outcome.Result is { } response ? await RetryAfterOfAsync(response) : null,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => Transient(args.Outcome),
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = BreakDuration,
            })
            .Build();
    }
}
