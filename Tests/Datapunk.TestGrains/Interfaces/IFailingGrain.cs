namespace Datapunk.TestGrains;

/// <summary>A grain whose methods fail on purpose, each with a different exception type and path.</summary>
public interface IFailingGrain : IGrainWithGuidKey
{
    /// <summary>Fails after an await with an <see cref="ArgumentException"/> for <paramref name="parameterName"/>.</summary>
    Task ThrowArgumentAsync(string parameterName, string message);

    /// <summary>Fails with an <see cref="ArgumentOutOfRangeException"/> for <paramref name="parameterName"/>.</summary>
    Task ThrowArgumentOutOfRangeAsync(string parameterName, string message);

    /// <summary>Fails synchronously, before returning a task, with a <see cref="DeliberateGrainException"/>.</summary>
    Task<int> ThrowDeliberateAsync(string message);
}
