namespace Datapunk.TestGrains;

/// <summary>A stateless worker with at most four local activations; its calls wait for the test's go-ahead.</summary>
[StatelessWorker(4)]
public sealed class WorkerGrain(GrainProbe probe) : Grain, IWorkerGrain
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
}
