namespace Datapunk.Grains;

/// <summary>Cortex for one user: a thin coordinator over the engines in Cortex/, always for its own user.</summary>
[GrainType("cortex")]
public sealed partial class CortexGrain : Grain, ICortexGrain, IPersonalDataGrain
{
    public string? OwnerUserId => this.GetPrimaryKeyString();
}
