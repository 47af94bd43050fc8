namespace Datapunk.TestGrains;

/// <summary>One thing a test grain reported to <see cref="GrainProbe"/>.</summary>
/// <param name="Subject">The grain key the event belongs to.</param>
/// <param name="Kind">What happened: "tick", "reminder", "deactivated", …</param>
/// <param name="Detail">Which timer or reminder, or why.</param>
/// <param name="Origin">The silo or activation it happened on.</param>
public sealed record ProbeEvent(string Subject, string Kind, string Detail, string Origin)
{
    public override string ToString() => $"{Kind}({Detail})@{Origin}";
}
