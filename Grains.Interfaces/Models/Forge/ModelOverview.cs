namespace Datapunk.Grains;

/// <summary>A model of a user: whether a run is under way or asked for, the version served, and every version, newest first.</summary>
[GenerateSerializer, Immutable, Alias("model-overview")]
public sealed record ModelOverview(
    [property: Id(0)] string Kind,
    [property: Id(1)] bool Training,
    [property: Id(2)] int? Promoted,
    [property: Id(3)] IReadOnlyList<ModelVersion> Versions);
