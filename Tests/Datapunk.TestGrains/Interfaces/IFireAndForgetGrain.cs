namespace Datapunk.TestGrains;

/// <summary>A grain whose code starts work it does not await, as event handlers do.</summary>
public interface IFireAndForgetGrain : IGrainWithGuidKey
{
    /// <summary>Starts an <c>async void</c> handler that fails after its first await, and returns at once.</summary>
    Task StartFailingHandlerAsync();

    /// <summary>Returns how many calls this activation has served, this one included.</summary>
    Task<int> PingAsync();
}
