namespace Datapunk.Grains;

/// <summary>A dataset's schema as it was from <see cref="SeenAt"/>: its fields as <c>name:type</c>, and what changed from the version before.</summary>
[GenerateSerializer, Immutable, Alias("catalog-schema-version")]
public sealed record SchemaVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset SeenAt,
    [property: Id(2)] IReadOnlyList<string> Fields,
    [property: Id(3)] IReadOnlyList<string> Added,
    [property: Id(4)] IReadOnlyList<string> Removed);
