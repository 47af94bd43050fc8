namespace Datapunk.Grains;

/// <summary>A field of a dataset: a typed column or a key found in the records' source (sampled), its type, how many sampled rows have it, and a few example values.</summary>
[GenerateSerializer, Immutable, Alias("catalog-schema-field")]
public sealed record SchemaField(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type,
    [property: Id(2)] long Present,
    [property: Id(3)] long Sampled,
    [property: Id(4)] IReadOnlyList<string> Examples);
