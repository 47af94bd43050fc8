using System.ClientModel;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenAI;
using OpenAI.Embeddings;

namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// The configured embedding model, the local one (always at hand, so its vectors keep serving when an
/// endpoint model replaces it), and their rows in <c>vectors.embedding_models</c>: a model's first use
/// numbers it and builds its HNSW index (a partial index over its rows, of its dimension).
/// </summary>
public sealed class EmbeddingModels : IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Lazy<MiniLmEmbeddingGenerator> _local;
    private readonly ConcurrentDictionary<string, Task<StoredModel>> _stored = new(StringComparer.Ordinal);

    public EmbeddingModels(IOptions<EmbeddingSettings> options, NpgsqlDataSource dataSource)
    {
        var settings = options.Value;
        _dataSource = dataSource;
        _local = new Lazy<MiniLmEmbeddingGenerator>(() => new MiniLmEmbeddingGenerator(Math.Max(1, settings.Threads)));
        Configured = string.Equals(settings.Provider, EmbeddingSettings.OpenAiProvider, StringComparison.OrdinalIgnoreCase)
            ? OpenAiCompatible(settings)
            : Local;
    }

    /// <summary>The model new vectors are made with.</summary>
    public EmbeddingModel Configured { get; }

    public EmbeddingModel Local => new(MiniLmEmbeddingGenerator.ModelName, MiniLmEmbeddingGenerator.Dimensions, _local.Value);

    /// <summary>The model stored under <paramref name="name"/> if this silo can make its vectors (for a query), else null.</summary>
    public EmbeddingModel? Find(string name) =>
        name == Configured.Name ? Configured : name == MiniLmEmbeddingGenerator.ModelName ? Local : null;

    /// <summary>The model's number, registering it and building its index the first time.</summary>
    public Task<StoredModel> StoredAsync(EmbeddingModel model, CancellationToken cancellationToken) =>
        _stored.GetOrAdd(model.Name, _ => RegisterAsync(model, CancellationToken.None)).WaitAsync(cancellationToken);

    private async Task<StoredModel> RegisterAsync(EmbeddingModel model, CancellationToken cancellationToken)
    {
        try
        {
            // The row and the model's HNSW index come from a function the schema's owner owns (migration 0025):
            // the silos' login may not create indexes.
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            StoredModel stored;
            await using (var register = new NpgsqlCommand("SELECT model_id, dimensions FROM vectors.register_embedding_model($1, $2)", connection, transaction))
            {
                register.Parameters.Add(new NpgsqlParameter { Value = model.Name });
                register.Parameters.Add(new NpgsqlParameter { Value = model.Dimensions });
                await using var reader = await register.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                stored = new StoredModel(reader.GetInt16(0), model.Name, reader.GetInt32(1));
            }

            if (stored.Dimensions != model.Dimensions)
            {
                throw new InvalidOperationException(
                    $"Embedding model '{model.Name}' was stored with {stored.Dimensions} dimensions, but is configured with {model.Dimensions}.");
            }

            await transaction.CommitAsync(cancellationToken);
            return stored;
        }
        catch
        {
            _stored.TryRemove(model.Name, out _);
            throw;
        }
    }

    private static EmbeddingModel OpenAiCompatible(EmbeddingSettings settings)
    {
        if (settings.Endpoint is null || string.IsNullOrWhiteSpace(settings.Model) || settings.Dimensions is not > 0)
        {
            throw new InvalidOperationException(
                $"{EmbeddingSettings.Section}: the openai provider needs Endpoint, Model and Dimensions (the model's vector size).");
        }

        var client = new EmbeddingClient(
            settings.Model, new ApiKeyCredential(settings.ApiKey ?? "none"), new OpenAIClientOptions { Endpoint = settings.Endpoint });
        return new EmbeddingModel($"openai:{settings.Model}", settings.Dimensions.Value, client.AsIEmbeddingGenerator(settings.Dimensions));
    }

    public void Dispose()
    {
        if (_local.IsValueCreated)
        {
            _local.Value.Dispose();
        }

        if (Configured.Name != MiniLmEmbeddingGenerator.ModelName)
        {
            Configured.Generator.Dispose();
        }
    }
}
