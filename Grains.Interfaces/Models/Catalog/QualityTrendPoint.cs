namespace Datapunk.Grains;

/// <summary>A dataset's quality scores as one refresh computed them.</summary>
[GenerateSerializer, Immutable, Alias("catalog-quality-trend")]
public sealed record QualityTrendPoint(
    [property: Id(0)] DateTimeOffset ComputedAt,
    [property: Id(1)] IReadOnlyDictionary<string, double?> Scores);
