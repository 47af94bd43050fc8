namespace Datapunk.Benchmarks.Harness;

/// <summary>An open-loop phase: latencies from each call's scheduled time (in <see cref="Result"/>) and the parts of them.</summary>
/// <param name="Result">Calls and their latency from the scheduled send time: what a client at this rate sees.</param>
/// <param name="SenderLag">How late the sender issued each call: the harness's own share of <see cref="Result"/>'s latency.</param>
/// <param name="FromSend">Latency from the actual send: the system's share, blind to the sender's stalls.</param>
internal sealed record OpenLoopResult(PhaseResult Result, LatencyHistogram SenderLag, LatencyHistogram FromSend);
