namespace Datapunk.TestGrains;

/// <summary>A grain whose call runs until the test opens its gate, for call timeouts.</summary>
public interface ISlowGrain : IGrainWithGuidKey
{
    /// <summary>Runs until the test opens this grain's probe gate.</summary>
    Task WaitForGateAsync();

    /// <summary>Returns at once; queues behind <see cref="WaitForGateAsync"/> like any call.</summary>
    Task<bool> PingAsync();
}
