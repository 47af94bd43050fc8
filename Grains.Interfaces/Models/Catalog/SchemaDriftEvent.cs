namespace Datapunk.Grains;

/// <summary>A field an importer met in a file of this dataset's format and did not understand (<c>imports.unknown_fields</c>): schema drift at the source.</summary>
[GenerateSerializer, Immutable, Alias("catalog-schema-drift")]
public sealed record SchemaDriftEvent(
    [property: Id(0)] string FieldPath,
    [property: Id(1)] string? Example,
    [property: Id(2)] long FileId,
    [property: Id(3)] string Path,
    [property: Id(4)] DateTimeOffset SeenAt);
