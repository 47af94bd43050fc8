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
    // Held while a model is numbered and its index built, so that two silos starting together do not race on the DDL.
    private const long ModelLock = 0x0DA7_A9C0_0023;

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
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var register = new NpgsqlCommand("""
                SELECT pg_advisory_xact_lock(@lock);
                INSERT INTO vectors.embedding_models (name, dimensions) VALUES (@name, @dimensions) ON CONFLICT (name) DO NOTHING;
                """, connection, transaction))
            {
                register.Parameters.AddWithValue("name", model.Name);
                register.Parameters.AddWithValue("dimensions", model.Dimensions);
                register.Parameters.AddWithValue("lock", ModelLock);
                await register.ExecuteNonQueryAsync(cancellationToken);
            }

            StoredModel stored;
            await using (var read = new NpgsqlCommand("SELECT model_id, dimensions FROM vectors.embedding_models WHERE name = $1", connection, transaction))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = model.Name });
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                stored = new StoredModel(reader.GetInt16(0), model.Name, reader.GetInt32(1));
            }

            if (stored.Dimensions != model.Dimensions)
            {
                throw new InvalidOperationException(
                    $"Embedding model '{model.Name}' was stored with {stored.Dimensions} dimensions, but is configured with {model.Dimensions}.");
            }

            // Identifiers and numbers only, all from the table above: nothing of a request reaches this DDL.
            await using var index = new NpgsqlCommand(
                $"CREATE INDEX IF NOT EXISTS record_embeddings_model_{stored.Id} ON vectors.record_embeddings "
                + $"USING hnsw (({stored.VectorSql("embedding")}) vector_cosine_ops) WHERE model_id = {stored.Id}",
                connection, transaction);
            await index.ExecuteNonQueryAsync(cancellationToken);
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
