namespace Datapunk.Grains;

/// <summary>The body of <c>GET /api/v1/privacy/audit</c>: entries newest first.</summary>
/// <param name="NextBefore">Pass as <c>?before=</c> for the next (older) page; null when this was the last.</param>
public sealed record AuditTrailPage(IReadOnlyList<AuditTrailEntry> Entries, long? NextBefore);
