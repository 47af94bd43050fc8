using Datapunk.Lake;

namespace Datapunk.Cortex.Tests.Infrastructure;

/// <summary>A record as a search test writes it straight into <c>user_data.records</c>.</summary>
public sealed record TestRecord(
    RecordKind Kind, string Identity, string? Title, string? Body = null, DateTimeOffset? OccurredAt = null,
    double? Lat = null, double? Lng = null, long FileId = 0);
