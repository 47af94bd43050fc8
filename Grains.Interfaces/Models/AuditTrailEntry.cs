namespace Datapunk.Grains;

/// <summary>One entry of a user's audit trail: an access to their data, or an act of theirs.</summary>
/// <param name="Sequence">Its place in the one audit chain of the whole instance.</param>
/// <param name="Actor">Who acted: the user, an admin acting for them, or <c>system</c>.</param>
/// <param name="Subject">Whose data it was.</param>
/// <param name="Action">What was done, e.g. <c>records.read</c>, <c>imports.start</c>, <c>admin.act-as</c>.</param>
/// <param name="RecordCount">How many records the call returned or changed.</param>
/// <param name="Origin">The client's IP address, <c>cli</c>, <c>grpc</c> or <c>system</c>.</param>
/// <param name="Details">What else was recorded (route, method, status).</param>
/// <param name="Redacted">The entry named an erased user, whose id was blanked (<c>~erased</c>).</param>
public sealed record AuditTrailEntry(
    long Sequence, DateTimeOffset At, string Actor, string Subject, string Action, long RecordCount, string Origin,
    IReadOnlyDictionary<string, string>? Details, bool Redacted);
