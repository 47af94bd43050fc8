using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>
/// Places and local time of one user (docs/cortex.md, "Places and local time"): where their clock was,
/// worked out after imports in a resumable background pass.
/// </summary>
[Alias("cortex-places")]
public interface ICortexPlaces : IGrainWithStringKey
{
    /// <summary>
    /// The user's located data changed (an import ended): notes it durably and starts the pass in the
    /// background; returns at once. A reminder resumes the pass on another silo if this one dies.
    /// </summary>
    [Alias("LocalTimesChangedAsync")]
    Task LocalTimesChangedAsync();

    /// <summary>Whether the pass is pending or running, and what its last run found.</summary>
    [Alias("GetLocalTimesStatusAsync"), ReadOnly]
    Task<LocalTimesStatus> GetLocalTimesStatusAsync();
}
