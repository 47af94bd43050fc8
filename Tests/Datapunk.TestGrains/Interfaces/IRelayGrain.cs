namespace Datapunk.TestGrains;

/// <summary>A non-reentrant grain that passes a ping back and forth with a partner, for call chains and deadlocks.</summary>
public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Returns this grain's key when <paramref name="hops"/> is zero; otherwise pings <paramref name="partner"/>
    /// with this grain as its partner and one hop less, and returns the path the ping took.
    /// </summary>
    Task<string> PingAsync(IRelayGrain partner, int hops);
}
