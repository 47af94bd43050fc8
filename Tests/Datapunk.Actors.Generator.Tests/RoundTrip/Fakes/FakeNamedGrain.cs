using Datapunk.TestGrains;

namespace Datapunk.Actors.Generator.Tests.RoundTrip.Fakes;

internal sealed class FakeNamedGrain : INamedGrain
{
    private string? _name;

    public Task<string> DescribeAsync() => Task.FromResult($"named grain '{_name ?? "(unnamed)"}'");

    public Task SetNameAsync(string name)
    {
        _name = name;
        return Task.CompletedTask;
    }

    public Task<string?> GetNameAsync() => Task.FromResult(_name);
}
