using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Scheduling;

[Collection(IsolatedSiloCollection.Name)]
public sealed class UnobservedFailureTests(IsolatedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ExceptionFromAnAsyncVoidHandlerDoesNotStopTheActivation()
    {
        var grain = silo.Grains.GetGrain<IFireAndForgetGrain>(Guid.NewGuid());

        await grain.StartFailingHandlerAsync().Within("StartFailingHandlerAsync");
        var calls = await grain.PingAsync()
            .Within("PingAsync after an async void handler of the grain failed; the activation must keep serving calls", TimeSpan.FromSeconds(3));

        calls.ShouldBe(2);
    }
}
