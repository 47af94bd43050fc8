namespace Datapunk.Grains;

/// <summary>Where a stored record came from: the import, the file inside the export, and the format its reader recognised.</summary>
[GenerateSerializer, Immutable, Alias("record-provenance")]
public sealed record RecordProvenance(
    [property: Id(0)] Guid ImportId,
    [property: Id(1)] string Path,
    [property: Id(2)] string? Format);
