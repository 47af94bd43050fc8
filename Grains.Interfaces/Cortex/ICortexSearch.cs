using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>
/// Search over one user's records: full text, fuzzy and semantic, fused into one ranking; and the
/// background work that embeds the records for the semantic part. Part of <see cref="ICortexGrain"/>,
/// keyed by the user id.
/// </summary>
[Alias("cortex-search")]
public interface ICortexSearch : IGrainWithStringKey
{
    /// <summary>A page of the user's records that match the query, best first.</summary>
    [Alias("SearchAsync"), ReadOnly]
    Task<SearchPage> SearchAsync(SearchQuery query);

    /// <summary>How many of the user's records have vectors of the configured model, and whether embedding runs.</summary>
    [Alias("GetSearchIndexStatusAsync"), ReadOnly]
    Task<SearchIndexStatus> GetSearchIndexStatusAsync();

    /// <summary>
    /// Embeds the user's records that have no vector of the configured model yet, in the background:
    /// returns at once, and the work survives a silo crash (a reminder resumes it). Called after imports.
    /// </summary>
    [Alias("RequestEmbeddingAsync")]
    Task RequestEmbeddingAsync();
}
