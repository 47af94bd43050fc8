namespace Datapunk.Grains;

/// <summary>One version of a user's model as the registry keeps it (<see cref="ModelStatuses"/> names its status).</summary>
/// <param name="DataFrom">The first instant of the data it was trained on; null when there was none.</param>
/// <param name="Reason">What asked for the run: "import", "on demand", "places retrained".</param>
/// <param name="TrainedBy">The silo that ran it.</param>
[GenerateSerializer, Immutable, Alias("model-version")]
public sealed record ModelVersion(
    [property: Id(0)] string Kind,
    [property: Id(1)] int Version,
    [property: Id(2)] string Status,
    [property: Id(3)] IReadOnlyDictionary<string, double> Parameters,
    [property: Id(4)] DateTimeOffset? DataFrom,
    [property: Id(5)] DateTimeOffset? DataTo,
    [property: Id(6)] IReadOnlyDictionary<string, double> Metrics,
    [property: Id(7)] string Reason,
    [property: Id(8)] string TrainedBy,
    [property: Id(9)] string? Error,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt,
    [property: Id(12)] DateTimeOffset? PromotedAt);
