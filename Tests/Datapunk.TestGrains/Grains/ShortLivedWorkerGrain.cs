namespace Datapunk.TestGrains;

/// <summary>A stateless worker of at most two activations, collected after one idle second; reports deactivations to the probe.</summary>
[StatelessWorker(2)]
[CollectionAgeLimit(Seconds = 1)]
public sealed class ShortLivedWorkerGrain(GrainProbe probe) : Grain, IShortLivedWorkerGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<Guid> WorkAsync()
    {
        var subject = GetPrimaryKeyString();
        var meter = probe.Meter(subject);
        meter.Enter();
        try
        {
            await probe.GateAsync(subject);
        }
        finally
        {
            meter.Exit();
        }

        return _activationId;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "deactivated", reason.ReasonCode.ToString(), _activationId.ToString());
        return Task.CompletedTask;
    }
}
