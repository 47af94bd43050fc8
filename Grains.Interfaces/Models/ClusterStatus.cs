namespace Datapunk.Grains;

/// <summary>The body of <c>GET /api/cluster</c>: the Orleans cluster as the answering silo sees it.</summary>
/// <param name="ClusterId">Orleans' cluster id (the membership rows' deployment id).</param>
/// <param name="ServiceId">Orleans' service id, which grain state and reminders are keyed by.</param>
/// <param name="ReportedBy">The answering silo's address.</param>
/// <param name="ReadAt">When the answering silo read it.</param>
/// <param name="Silos">Every silo in the membership table, newest first, dead ones included until they are cleaned up.</param>
/// <param name="Activations">Live activations per grain type across the active silos.</param>
public sealed record ClusterStatus(
    string ClusterId, string ServiceId, string ReportedBy, DateTimeOffset ReadAt,
    IReadOnlyList<ClusterSilo> Silos, IReadOnlyList<GrainTypeActivations> Activations);
