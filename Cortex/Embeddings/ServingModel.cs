using Npgsql;

namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// The model whose vectors answer a user's semantic search: the configured one once it covers the
/// user; until then the last model that did (if this silo can still embed a query with it), so a
/// switch of models never leaves search without vectors; else the configured one, with the vectors
/// it has so far. None when the user has no vectors of any model.
/// </summary>
public sealed record ServingModel(StoredModel Stored, EmbeddingModel Model)
{
    internal static async Task<ServingModel?> FindAsync(
        EmbeddingModels models, NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CancellationToken cancellationToken)
    {
        var userModels = await EmbeddingProgress.ModelsAsync(connection, transaction, userId, cancellationToken);
        var configured = userModels.FirstOrDefault(model => model.Model.Name == models.Configured.Name);
        if (configured is { CoveredAt: not null })
        {
            return new ServingModel(configured.Model, models.Configured);
        }

        foreach (var covered in userModels.Where(model => model.CoveredAt is not null))
        {
            if (models.Find(covered.Model.Name) is { } earlier)
            {
                return new ServingModel(covered.Model, earlier);
            }
        }

        return configured is null ? null : new ServingModel(configured.Model, models.Configured);
    }
}
