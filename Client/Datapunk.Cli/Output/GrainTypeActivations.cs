namespace Datapunk.Cli.Output;

/// <summary>Live activations of one grain type across the silos that answered.</summary>
public sealed record GrainTypeActivations(string GrainType, int Activations);
