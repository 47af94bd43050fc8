namespace Datapunk.Grains;

/// <summary>An export of a user's data (docs/security.md, "Export and erasure").</summary>
/// <param name="StartedAt">When the export started (UTC).</param>
/// <param name="ExpiresAt">When a ready export is removed; null until it is ready.</param>
/// <param name="Bytes">The zip's size: so far while running, final when ready.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("export-status")]
public sealed record ExportStatus(
    [property: Id(0)] Guid ExportId,
    [property: Id(1)] ExportState State,
    [property: Id(2)] DateTime StartedAt,
    [property: Id(3)] DateTime? ExpiresAt,
    [property: Id(4)] long? Bytes,
    [property: Id(5)] string? Error);
