using Datapunk.Cortex.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Cortex.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Hybrid search and the embedding of records (settings <c>Cortex:Search</c> and <c>Cortex:Embeddings</c>).</summary>
    public static IServiceCollection AddCortexSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SearchSettings>(configuration.GetSection(SearchSettings.Section));
        services.Configure<EmbeddingSettings>(configuration.GetSection(EmbeddingSettings.Section));
        services.AddSingleton<EmbeddingModels>();
        services.AddSingleton<EmbeddingSlots>();
        services.AddSingleton<RecordEmbedder>();
        services.AddSingleton<HybridSearch>();
        return services;
    }
}
