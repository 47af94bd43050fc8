namespace Datapunk.TestGrains;

/// <summary>Keeps a display name in memory and describes itself through the inherited <see cref="IBaseGrain"/> method.</summary>
public sealed class NamedGrain : Grain, INamedGrain
{
    private string? _name;

    public Task<string> DescribeAsync() => Task.FromResult($"{GetPrimaryKeyString()}: {_name ?? "(unnamed)"}");

    public Task SetNameAsync(string name)
    {
        _name = name;
        return Task.CompletedTask;
    }

    public Task<string?> GetNameAsync() => Task.FromResult(_name);
}
