namespace Datapunk.Client;

/// <summary>One grain type summed over the silos that reported (<c>Silos</c> of them); latencies in ms.</summary>
public sealed record GrainTypeTotals(
    string GrainType, int Activations, long Calls, long Failures, double CallsPerSecond, double? ErrorRate,
    double? P50Ms, double? P99Ms, int Silos);
