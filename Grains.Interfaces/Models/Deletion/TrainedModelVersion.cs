namespace Datapunk.Grains;

/// <summary>A model version (ready or promoted) whose training window covers some of the user's data; a deletion reports them and never deletes them.</summary>
[GenerateSerializer, Immutable, Alias("trained-model-version")]
public sealed record TrainedModelVersion(
    [property: Id(0)] string Kind,
    [property: Id(1)] int Version,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset DataFrom,
    [property: Id(4)] DateTimeOffset DataTo);
