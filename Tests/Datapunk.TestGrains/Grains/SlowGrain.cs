namespace Datapunk.TestGrains;

/// <summary>Holds its activation until the test opens the probe gate, so calls to it outlive their deadline.</summary>
public sealed class SlowGrain(GrainProbe probe) : Grain, ISlowGrain
{
    public async Task WaitForGateAsync()
    {
        var subject = GetPrimaryKeyString();
        probe.Record(subject, "waiting");
        await probe.GateAsync(subject);
        probe.Record(subject, "released");
    }

    public Task<bool> PingAsync() => Task.FromResult(true);
}
