namespace Datapunk.Grains.Lake.Storage;

/// <summary>The staging tables of one chunk, schema-qualified; null for a kind the chunk has no rows of.</summary>
internal sealed record StagedTables(string? Locations, string? Records);
