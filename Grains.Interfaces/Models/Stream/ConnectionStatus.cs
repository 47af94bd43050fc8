namespace Datapunk.Grains;

/// <summary>
/// A live-source connection as the API shows it. <see cref="Id"/> (<c>provider:account</c>) names it
/// within its user. <see cref="Status"/>: connected, syncing, failing (the last poll failed; the next
/// retries), reauthorize (the provider refused the tokens: connect again). <see cref="Activity"/>: what a
/// provider with long-running work is doing ("Archive job running since …", "Downloading archive 2 of 3: …").
/// </summary>
[GenerateSerializer, Immutable, Alias("connection-status")]
public sealed record ConnectionStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Provider,
    [property: Id(2)] string Account,
    [property: Id(3)] string? DisplayName,
    [property: Id(4)] string Status,
    [property: Id(5)] bool Paused,
    [property: Id(6)] DateTimeOffset? LastPoll,
    [property: Id(7)] DateTimeOffset? LastSuccess,
    [property: Id(8)] string? LastError,
    [property: Id(9)] DateTimeOffset? LastErrorAt,
    [property: Id(10)] DateTimeOffset? NextPoll,
    [property: Id(11)] long Polls,
    [property: Id(12)] long Records,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] string? Activity = null);
