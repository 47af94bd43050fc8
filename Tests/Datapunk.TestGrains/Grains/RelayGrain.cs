namespace Datapunk.TestGrains;

/// <summary>Passes a ping to its partner and waits for the answer, building call chains of any length.</summary>
public sealed class RelayGrain : Grain, IRelayGrain
{
    public async Task<string> PingAsync(IRelayGrain partner, int hops)
    {
        if (hops == 0)
        {
            return GetPrimaryKeyString();
        }

        var self = GrainFactory.GetGrain<IRelayGrain>(GetPrimaryKeyString());
        return $"{GetPrimaryKeyString()} -> {await partner.PingAsync(self, hops - 1)}";
    }
}
