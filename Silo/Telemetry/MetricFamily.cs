namespace Datapunk.Silo.Telemetry;

/// <summary>
/// One instrument's aggregated state at a point in time, one point per tag set. The name is the
/// instrument's own (<c>datapunk.actors.calls</c>); exporters sanitise it for their format.
/// </summary>
public sealed record MetricFamily(string Name, string? Description, string? Unit, MetricKind Kind, IReadOnlyList<MetricPoint> Points);
