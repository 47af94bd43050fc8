namespace Datapunk.TestGrains;

/// <summary>A grain interface that no class implements, for calls that no silo can serve.</summary>
public interface IUnimplementedGrain : IGrainWithGuidKey
{
    /// <summary>Never runs: there is no grain class behind it.</summary>
    Task<int> GetAsync();
}
