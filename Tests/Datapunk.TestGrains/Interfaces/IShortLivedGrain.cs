namespace Datapunk.TestGrains;

/// <summary>A grain whose idle activations are collected after one second.</summary>
public interface IShortLivedGrain : IGrainWithGuidKey
{
    /// <summary>Returns the id of the activation that served the call, new for every activation.</summary>
    Task<Guid> GetActivationIdAsync();
}
