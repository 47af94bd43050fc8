using Datapunk.Cortex.Embeddings;
using Datapunk.Cortex.Search;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Datapunk.Cortex.Tests.Infrastructure;

/// <summary>
/// The search engine and the embedder over the test database, with the real local MiniLM model,
/// loaded once for the run (it is 90 MB and takes seconds to load).
/// </summary>
public sealed class SearchEngines
{
    private static readonly Lazy<Task<SearchEngines>> Shared = new(CreateAsync);

    private SearchEngines(NpgsqlDataSource dataSource, NpgsqlDataSource siloLogin, EmbeddingModels models, EmbeddingSettings embedding)
    {
        DataSource = dataSource;
        Models = models;
        // Searching as the silos do: logged in as their role, which switches to the search role.
        Search = new HybridSearch(siloLogin, models, Options.Create(new SearchSettings()));
        Embedder = new RecordEmbedder(dataSource, models, new EmbeddingSlots(Options.Create(embedding)), Options.Create(embedding));
    }

    public NpgsqlDataSource DataSource { get; }

    public EmbeddingModels Models { get; }

    public HybridSearch Search { get; }

    public RecordEmbedder Embedder { get; }

    public static Task<SearchEngines> LocalAsync() => Shared.Value;

    /// <summary>Engines with the given model settings (an OpenAI-compatible endpoint), over the same database.</summary>
    public static async Task<SearchEngines> WithAsync(EmbeddingSettings embedding)
    {
        var dataSource = await CortexDatabase.MigratedAsync();
        return new SearchEngines(dataSource, await CortexDatabase.SiloLoginAsync(), new EmbeddingModels(Options.Create(embedding), dataSource), embedding);
    }

    /// <summary>Asks for a pass and runs batches until it finishes, as the Cortex grain's timer does.</summary>
    public async Task<int> EmbedAllAsync(string userId)
    {
        await Embedder.RequestAsync(userId, CancellationToken.None);
        var embedded = 0;
        for (var batches = 0; batches < 1_000; batches++)
        {
            var result = await Embedder.EmbedNextBatchAsync(userId, CancellationToken.None);
            embedded += result.Embedded;
            if (result.Finished)
            {
                return embedded;
            }
        }

        throw new InvalidOperationException("The embedding pass did not finish within 1,000 batches.");
    }

    public Task<SearchPage> FindAsync(string userId, string text, int limit = 20, IReadOnlyList<string>? kinds = null) =>
        Search.SearchAsync(userId, Query(text, limit) with { Kinds = kinds ?? [] }, CancellationToken.None);

    public static SearchQuery Query(string text, int limit = 20) => new(text, [], null, null, [], null, null, limit, null);

    private static async Task<SearchEngines> CreateAsync()
    {
        var dataSource = await CortexDatabase.MigratedAsync();
        var embedding = new EmbeddingSettings { Threads = 2 };
        return new SearchEngines(dataSource, await CortexDatabase.SiloLoginAsync(), new EmbeddingModels(Options.Create(embedding), dataSource), embedding);
    }
}
