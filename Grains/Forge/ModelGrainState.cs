namespace Datapunk.Grains;

/// <summary>
/// The persisted state of a model grain: runs asked for and runs done, as counters, so that requests
/// arriving during a run make exactly one more run, and a run asked for survives the silo (the
/// reminder finds <see cref="Requested"/> above <see cref="Done"/> on another silo and runs it).
/// </summary>
[GenerateSerializer, Alias("model-grain-state")]
public sealed record ModelGrainState
{
    /// <summary>The state name its rows are stored under: one per grain type, so no two grain types share rows.</summary>
    public const string Name = "model";

    [Id(0)] public long Requested { get; init; }

    [Id(1)] public long Done { get; init; }

    /// <summary>Why the latest run was asked for.</summary>
    [Id(2)] public string Reason { get; init; } = "";

    public bool Pending => Requested > Done;
}
