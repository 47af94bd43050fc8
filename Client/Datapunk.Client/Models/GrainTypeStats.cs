namespace Datapunk.Client;

/// <summary>One grain type on one silo; latencies in ms, null when the window had no calls.</summary>
public sealed record GrainTypeStats(
    string GrainType, int Activations, long Calls, long Failures, double CallsPerSecond, double? ErrorRate, double? P50Ms, double? P99Ms);
