using Datapunk.TestGrains;

namespace Datapunk.Actors.Generator.Tests.RoundTrip.Fakes;

internal sealed class FakeCounterGrain : ICounterGrain
{
    private int _total;

    public Task<int> AddAsync(int amount) => Task.FromResult(_total += amount);

    public Task<int> GetAsync() => Task.FromResult(_total);

    public Task ResetAsync()
    {
        _total = 0;
        return Task.CompletedTask;
    }

    public Task<int> AddToAsync(ICounterGrain other) => other.AddAsync(_total);
}
