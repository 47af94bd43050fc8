namespace Datapunk.Grains;

/// <summary>What one poll of a connection did: pages stored, new records, requests sent, and why it failed (null when it succeeded).</summary>
[GenerateSerializer, Immutable, Alias("connection-sync")]
public sealed record ConnectionSync(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] int Pages,
    [property: Id(2)] int NewRecords,
    [property: Id(3)] int Requests,
    [property: Id(4)] string? Error,
    [property: Id(5)] DateTimeOffset? NextPoll,
    [property: Id(6)] ConnectionStatus? Connection);
