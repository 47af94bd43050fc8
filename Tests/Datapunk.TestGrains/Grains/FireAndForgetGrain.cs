namespace Datapunk.TestGrains;

/// <summary>Starts an <c>async void</c> handler whose exception surfaces in the activation's context, not in any call.</summary>
public sealed class FireAndForgetGrain : Grain, IFireAndForgetGrain
{
    private int _calls;

    public Task StartFailingHandlerAsync()
    {
        _calls++;
        OnSomethingHappened();
        return Task.CompletedTask;
    }

    public Task<int> PingAsync() => Task.FromResult(++_calls);

    // An event-handler shape: nothing awaits it, so its exception is posted to the synchronization context.
    private static async void OnSomethingHappened()
    {
        await Task.Yield();
        throw new InvalidOperationException("An async void handler of FireAndForgetGrain failed.");
    }
}
