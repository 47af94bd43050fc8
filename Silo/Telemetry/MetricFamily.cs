namespace Datapunk.Silo.Telemetry;

/// <summary>One instrument's aggregated state at a point in time, one point per tag set.</summary>
/// <param name="Name">The instrument name as created (<c>datapunk.actors.calls</c>); exporters sanitise it.</param>
public sealed record MetricFamily(string Name, string? Description, string? Unit, MetricKind Kind, IReadOnlyList<MetricPoint> Points);
