namespace Datapunk.TestGrains;

/// <summary>A stateless worker limited to four local activations.</summary>
public interface IWorkerGrain : IGrainWithGuidKey
{
    /// <summary>Waits for the test's go-ahead and returns the id of the activation that served the call.</summary>
    Task<Guid> WorkAsync();
}
