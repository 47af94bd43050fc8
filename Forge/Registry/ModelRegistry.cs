using System.Text.Json;
using Datapunk.Forge.Storage;
using Datapunk.Forge.Training;

namespace Datapunk.Forge.Registry;

/// <summary>
/// The model registry in PostgreSQL (analytics.model_versions, migration 0030): a version per training
/// run, fenced by the run number of analytics.model_slots; completion, promotion, rollback and the
/// user's edits all lock that slot row first, so they happen one after another per user and kind.
/// </summary>
public sealed class ModelRegistry(NpgsqlDataSource dataSource)
{
    private const string VersionColumns = """
        kind, version, status, parameters, data_from, data_to, metrics, reason, trained_by, error, created_at, finished_at, promoted_at
        """;

    /// <summary>Takes the next run number, which fences off every earlier run, and records the run's version as training.</summary>
    public async Task<int> StartRunAsync(
        string userId, string kind, string reason, string trainedBy, IReadOnlyDictionary<string, double> parameters, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await transaction.ExecuteAsync(
            "INSERT INTO analytics.model_slots (user_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING", cancellationToken, userId, kind);
        var version = (int)(await transaction.ScalarAsync(
            "UPDATE analytics.model_slots SET run_no = run_no + 1 WHERE user_id = $1 AND kind = $2 RETURNING run_no", cancellationToken, userId, kind))!;
        await transaction.ExecuteAsync("""
            UPDATE analytics.model_versions SET status = 'failed', finished_at = now(),
                   error = 'abandoned: its run stopped (silo lost or shut down) and run ' || $3 || ' took over'
            WHERE user_id = $1 AND kind = $2 AND status = 'training'
            """, cancellationToken, userId, kind, version);
        await transaction.ExecuteAsync("""
            INSERT INTO analytics.model_versions (user_id, kind, version, status, parameters, reason, trained_by)
            VALUES ($1, $2, $3, 'training', $4::jsonb, $5, $6)
            """, cancellationToken, userId, kind, version, JsonSerializer.Serialize(parameters), reason, trainedBy);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    /// <summary>
    /// Stores what run <paramref name="version"/> trained and promotes it, in one transaction that first
    /// checks the run still holds its fence; throws <see cref="ModelRunSupersededException"/> when not.
    /// </summary>
    internal async Task CompleteAsync(string userId, string kind, int version, TrainedModel model, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        if (await transaction.ScalarAsync(
            "SELECT 1 FROM analytics.model_slots WHERE user_id = $1 AND kind = $2 AND run_no = $3 FOR UPDATE", cancellationToken, userId, kind, version) is null)
        {
            throw new ModelRunSupersededException($"Run {version} of {kind} for {userId} was superseded by a newer run; it stored nothing.");
        }

        await model.WriteAsync(transaction, version, cancellationToken);
        await transaction.ExecuteAsync("""
            UPDATE analytics.model_versions SET status = 'ready', data_from = $4, data_to = $5, metrics = $6::jsonb, finished_at = now()
            WHERE user_id = $1 AND kind = $2 AND version = $3
            """, cancellationToken, userId, kind, version, model.DataFrom, model.DataTo, JsonSerializer.Serialize(model.Metrics));
        await SwapPromotedAsync(transaction, kind, version, cancellationToken);
        await PruneAsync(transaction, kind, version, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Marks a run's version failed with what went wrong (unless a newer run already marked it abandoned).</summary>
    public async Task FailAsync(string userId, string kind, int version, string error, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await transaction.ExecuteAsync(
            "UPDATE analytics.model_versions SET status = 'failed', error = $4, finished_at = now() WHERE user_id = $1 AND kind = $2 AND version = $3 AND status = 'training'",
            cancellationToken, userId, kind, version, error);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every version of the model, newest first.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string userId, string kind, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = transaction.Command(
            $"SELECT {VersionColumns} FROM analytics.model_versions WHERE user_id = $1 AND kind = $2 ORDER BY version DESC", userId, kind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<ModelVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new ModelVersion(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), Numbers(reader.GetString(3)), UserTransaction.Time(reader, 4),
                UserTransaction.Time(reader, 5), Numbers(reader.GetString(6)), reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), UserTransaction.Time(reader, 10)!.Value, UserTransaction.Time(reader, 11),
                UserTransaction.Time(reader, 12)));
        }

        return versions;
    }

    /// <summary>
    /// Serves <paramref name="version"/> from now on; <paramref name="beforeCommit"/> runs in the same
    /// transaction with the version (the places model applies the user's newer edits to it).
    /// </summary>
    internal async Task PromoteAsync(
        string userId, string kind, int version, Func<UserTransaction, int, CancellationToken, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        await using var transaction = await LockedAsync(userId, kind, cancellationToken);
        var (status, latest) = await VersionAsync(transaction, kind, version, cancellationToken);
        if (status is not (ModelStatuses.Ready or ModelStatuses.Retired or ModelStatuses.Promoted))
        {
            throw new ModelLifecycleException(status is null
                ? $"The {kind} model has no version {version}."
                : $"Version {version} of the {kind} model is {status}: only a ready or retired version can be promoted.");
        }

        if (version <= latest - ModelOutputs.KeptVersions)
        {
            throw new ModelLifecycleException($"Version {version} of the {kind} model is too old: its outputs were pruned (the newest {ModelOutputs.KeptVersions} are kept). Train again.");
        }

        await FinishPromotionAsync(transaction, kind, version, beforeCommit, cancellationToken);
    }

    /// <summary>Serves the version promoted before the current one again; returns it.</summary>
    internal async Task<int> RollbackAsync(
        string userId, string kind, Func<UserTransaction, int, CancellationToken, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        await using var transaction = await LockedAsync(userId, kind, cancellationToken);
        var previous = await transaction.ScalarAsync($"""
            SELECT version FROM analytics.model_versions
            WHERE user_id = $1 AND kind = $2 AND status = 'retired' AND promoted_at IS NOT NULL
              AND version > (SELECT coalesce(max(version), 0) FROM analytics.model_versions WHERE user_id = $1 AND kind = $2) - {ModelOutputs.KeptVersions}
            ORDER BY promoted_at DESC LIMIT 1
            """, cancellationToken, userId, kind)
            ?? throw new ModelLifecycleException($"The {kind} model has no earlier promoted version to roll back to.");
        await FinishPromotionAsync(transaction, kind, (int)previous, beforeCommit, cancellationToken);
        return (int)previous;
    }

    /// <summary>The version served now, read in <paramref name="transaction"/>; null before any.</summary>
    internal static async Task<int?> PromotedAsync(UserTransaction transaction, string kind, CancellationToken cancellationToken) =>
        (int?)await transaction.ScalarAsync(
            "SELECT version FROM analytics.model_versions WHERE user_id = $1 AND kind = $2 AND status = 'promoted'", cancellationToken, transaction.UserId, kind);

    /// <summary>A transaction holding the model's slot row: no completion, promotion or edit of the model runs alongside.</summary>
    internal async Task<UserTransaction> LockedAsync(string userId, string kind, CancellationToken cancellationToken)
    {
        var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        try
        {
            await transaction.ExecuteAsync(
                "INSERT INTO analytics.model_slots (user_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING", cancellationToken, userId, kind);
            await transaction.ExecuteAsync(
                "SELECT 1 FROM analytics.model_slots WHERE user_id = $1 AND kind = $2 FOR UPDATE", cancellationToken, userId, kind);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private static async Task FinishPromotionAsync(
        UserTransaction transaction, string kind, int version, Func<UserTransaction, int, CancellationToken, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        await SwapPromotedAsync(transaction, kind, version, cancellationToken);
        if (beforeCommit is not null)
        {
            await beforeCommit(transaction, version, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<(string? Status, int Latest)> VersionAsync(UserTransaction transaction, string kind, int version, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command("""
            SELECT (SELECT status FROM analytics.model_versions WHERE user_id = $1 AND kind = $2 AND version = $3),
                   (SELECT coalesce(max(version), 0) FROM analytics.model_versions WHERE user_id = $1 AND kind = $2)
            """, transaction.UserId, kind, version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1));
    }

    private static async Task SwapPromotedAsync(UserTransaction transaction, string kind, int version, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync(
            "UPDATE analytics.model_versions SET status = 'retired' WHERE user_id = $1 AND kind = $2 AND status = 'promoted' AND version <> $3",
            cancellationToken, transaction.UserId, kind, version);
        await transaction.ExecuteAsync(
            "UPDATE analytics.model_versions SET status = 'promoted', promoted_at = now() WHERE user_id = $1 AND kind = $2 AND version = $3 AND status <> 'promoted'",
            cancellationToken, transaction.UserId, kind, version);
    }

    /// <summary>Deletes the outputs of versions too old to be promoted again (<see cref="ModelOutputs.KeptVersions"/>); their registry rows stay.</summary>
    private static async Task PruneAsync(UserTransaction transaction, string kind, int latest, CancellationToken cancellationToken)
    {
        foreach (var table in ModelOutputs.Tables(kind))
        {
            await transaction.ExecuteAsync($"""
                DELETE FROM {table} t WHERE t.user_id = $1 AND t.version <= $2
                  AND NOT EXISTS (SELECT 1 FROM analytics.model_versions v WHERE v.user_id = $1 AND v.kind = $3 AND v.version = t.version AND v.status = 'promoted')
                """, cancellationToken, transaction.UserId, latest - ModelOutputs.KeptVersions, kind);
        }
    }

    private static IReadOnlyDictionary<string, double> Numbers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [];
}
