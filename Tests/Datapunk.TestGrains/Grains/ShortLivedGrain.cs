namespace Datapunk.TestGrains;

/// <summary>Collected after one idle second; reports its deactivation to the probe.</summary>
[CollectionAgeLimit(Seconds = 1)]
public sealed class ShortLivedGrain(GrainProbe probe) : Grain, IShortLivedGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(_activationId);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "deactivated", reason.ReasonCode.ToString(), _activationId.ToString());
        return Task.CompletedTask;
    }
}
