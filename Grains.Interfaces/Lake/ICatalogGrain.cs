using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>
/// One user's catalog, keyed by the user id (docs/catalog.md): the datasets the user holds with their schema, quality
/// and PII, lineage both ways, and the refresh that keeps them current in the background after imports, polls, live
/// batches and uploads. A personal-data grain: it answers only its owner.
/// </summary>
[Alias("catalog")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>Every dataset of the last complete refresh, and whether a newer refresh is asked for.</summary>
    [Alias("GetCatalogAsync"), ReadOnly]
    Task<CatalogOverview> GetCatalogAsync();

    /// <summary>One dataset in full (schema, versions, drift, quality with failing rows, PII per field, trend); null when there is none of that name.</summary>
    [Alias("GetDatasetAsync"), ReadOnly]
    Task<CatalogDatasetDetail?> GetDatasetAsync(string dataset);

    /// <summary>Where record <paramref name="record"/> (<c>kind:identity</c>) came from and what was derived from it; null when the user has no such record.</summary>
    [Alias("GetRecordLineageAsync"), ReadOnly]
    Task<LineageGraph?> GetRecordLineageAsync(string record);

    /// <summary>What depends on source file <paramref name="fileId"/>; null when the user has no such file.</summary>
    [Alias("GetFileLineageAsync"), ReadOnly]
    Task<LineageGraph?> GetFileLineageAsync(long fileId);

    /// <summary>
    /// Asks for a refresh, saying why ("import", "poll", "live fixes", "upload", "on demand"); returns at once. Requests
    /// within a few seconds of each other make one refresh; a request during a refresh makes one more after it. Survives
    /// the loss of the silo (a reminder resumes it).
    /// </summary>
    [Alias("RequestRefreshAsync")]
    Task RequestRefreshAsync(string reason);
}
