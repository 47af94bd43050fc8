namespace Datapunk.TestGrains;

/// <summary>A stateless worker whose idle activations are collected after one second.</summary>
public interface IShortLivedWorkerGrain : IGrainWithGuidKey
{
    /// <summary>Waits for the test's go-ahead and returns the id of the activation that served the call.</summary>
    Task<Guid> WorkAsync();
}
