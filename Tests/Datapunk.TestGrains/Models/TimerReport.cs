namespace Datapunk.TestGrains;

/// <summary>What a timer grain's activation observed: its ticks and whether any turn overlapped another.</summary>
/// <param name="ActivationId">The activation that answers, new for every activation.</param>
/// <param name="Ticks">Timer callbacks run by this activation, all timers together.</param>
/// <param name="BusyCalls">Calls of <c>BusyAsync</c> that ran to the end.</param>
/// <param name="Overlaps">Times a timer callback or call started while another was in progress.</param>
[GenerateSerializer, Immutable]
public sealed record TimerReport(
    [property: Id(0)] Guid ActivationId,
    [property: Id(1)] int Ticks,
    [property: Id(2)] int BusyCalls,
    [property: Id(3)] int Overlaps);
