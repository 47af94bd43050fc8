namespace Datapunk.TestGrains;

/// <summary>Fails on purpose: after an await, and synchronously before any task exists.</summary>
public sealed class FailingGrain : Grain, IFailingGrain
{
    public async Task ThrowArgumentAsync(string parameterName, string message)
    {
        await Task.Yield();
        throw new ArgumentException(message, parameterName);
    }

    public async Task ThrowArgumentOutOfRangeAsync(string parameterName, string message)
    {
        await Task.Yield();
        throw new ArgumentOutOfRangeException(parameterName, message);
    }

    public Task<int> ThrowDeliberateAsync(string message) => throw new DeliberateGrainException(message);
}
