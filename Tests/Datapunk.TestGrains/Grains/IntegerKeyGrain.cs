namespace Datapunk.TestGrains;

/// <summary>Answers with its own integer key.</summary>
public sealed class IntegerKeyGrain : Grain, IIntegerKeyGrain
{
    public Task<long> GetKeyAsync() => Task.FromResult(GetPrimaryKeyLong());

    public Task<string> GetKeyTextAsync() => Task.FromResult(GetPrimaryKeyString());
}
