namespace Datapunk.Lake.Workbench;

/// <summary>
/// Where workbench results are cached (Redis in the silo): by user, by query (its SQL, row limit and masking) and by
/// the user's data version, so a result is served again only to its user and only while their data is unchanged.
/// </summary>
public interface IWorkbenchResultCache
{
    /// <summary>The cached result of <paramref name="queryHash"/> at <paramref name="dataVersion"/> for <paramref name="userId"/>, or null.</summary>
    Task<WorkbenchCachedResult?> GetAsync(string userId, string queryHash, string dataVersion);

    /// <summary>Caches <paramref name="result"/> for <paramref name="timeToLive"/>.</summary>
    Task SetAsync(string userId, string queryHash, string dataVersion, WorkbenchCachedResult result, TimeSpan timeToLive);
}
