namespace Datapunk.Grains;

/// <summary>How many activations of a grain type are live, in all and per silo address.</summary>
public sealed record GrainTypeActivations(string GrainType, int Activations, IReadOnlyDictionary<string, int> BySilo);
