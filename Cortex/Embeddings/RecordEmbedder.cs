using Datapunk.Lake.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// Embeds a user's records batch by batch with the configured model. A pass visits the user's
/// records of the kinds worth embedding in (kind, identity) order from where it stands in
/// <c>vectors.embedding_progress</c>, takes those whose text has no vector of the model yet (or
/// changed since), embeds each distinct text once (<c>vectors.text_embeddings</c>: a text already
/// embedded for another record, the hundredth play of a song, costs the model nothing) and says which
/// text each record was embedded from (<c>vectors.record_embeddings</c>). Both writes are idempotent:
/// a batch repeated by a second activation or after a crash writes the same rows. Reading, embedding
/// and writing are separate steps, so no transaction stays open while the model computes.
/// </summary>
public sealed class RecordEmbedder(NpgsqlDataSource dataSource, EmbeddingModels models, EmbeddingSlots slots, IOptions<EmbeddingSettings> options)
{
    // The next records of a pass after its cursor (the records' key index only), those of them needing a vector
    // (none of the model: never embedded, or their text changed since, migration 0064; or one whose text's vector
    // a concurrent deletion took) with their text and its hash, in (kind, identity) order; then, with no text, the
    // last record looked at and how many were, where the pass goes on from when no batch of texts fills up.
    private const string Scan = $"""
        WITH scanned AS MATERIALIZED (
            SELECT r.kind, r.identity FROM user_data.records r
            WHERE r.user_id = @user AND r.kind = ANY(@kinds)
              AND (@after_kind IS NULL OR (r.user_id, r.kind, r.identity) > (@user, @after_kind, @after_identity))
            ORDER BY r.user_id, r.kind, r.identity
            LIMIT @scan),
        needed AS (
            SELECT s.kind, s.identity FROM scanned s
            LEFT JOIN vectors.record_embeddings e ON e.user_id = @user AND e.model_id = @model AND e.kind = s.kind AND e.identity = s.identity
            WHERE e.identity IS NULL OR NOT EXISTS (
                SELECT 1 FROM vectors.text_embeddings x WHERE x.user_id = @user AND x.model_id = @model AND x.kind = e.kind AND x.text_hash = e.text_hash))
        SELECT n.kind, n.identity, t.text, t.hash, 0::bigint AS looked_at
        FROM needed n
        JOIN user_data.records r ON r.user_id = @user AND r.kind = n.kind AND r.identity = n.identity
        CROSS JOIN LATERAL (SELECT {EmbeddableText.Sql} AS text) s
        CROSS JOIN LATERAL (SELECT s.text, {EmbeddableText.HashSql} AS hash) t
        WHERE t.hash IS NOT NULL
        UNION ALL
        SELECT l.kind, l.identity, NULL, NULL, (SELECT count(*) FROM scanned)
        FROM (SELECT kind, identity FROM scanned ORDER BY kind DESC, identity DESC LIMIT 1) l
        ORDER BY 1, 2, 5
        """;

    // Which of the batch's texts the model has embedded already (for other records).
    private const string KnownTexts = """
        SELECT x.kind, x.text_hash FROM vectors.text_embeddings x
        JOIN unnest(@kinds::smallint[], @hashes::bytea[]) AS wanted(kind, text_hash) ON x.kind = wanted.kind AND x.text_hash = wanted.text_hash
        WHERE x.user_id = @user AND x.model_id = @model
        """;

    private const string InsertText = """
        INSERT INTO vectors.text_embeddings (user_id, model_id, kind, text_hash, embedding)
        VALUES ($1, $2, $3, $4, $5::real[]::vector)
        ON CONFLICT (user_id, model_id, kind, text_hash) DO NOTHING
        """;

    // One statement for the batch's records (with their time, for time-filtered search), so the tables' statement
    // triggers (positions, unused texts) run once.
    private const string UpsertRecords = """
        INSERT INTO vectors.record_embeddings (user_id, model_id, kind, identity, text_hash, occurred_at)
        SELECT $1, $2, b.kind, b.identity, b.text_hash, r.occurred_at
        FROM unnest($3::smallint[], $4::text[], $5::bytea[]) AS b(kind, identity, text_hash)
        JOIN user_data.records r ON r.user_id = $1 AND r.kind = b.kind AND r.identity = b.identity
        ON CONFLICT (user_id, model_id, kind, identity) DO UPDATE
        SET text_hash = excluded.text_hash, occurred_at = excluded.occurred_at, embedded_at = now()
        WHERE record_embeddings.text_hash <> excluded.text_hash OR record_embeddings.occurred_at IS DISTINCT FROM excluded.occurred_at
        """;

    // Embedding waits while the user's import runs: the import has the machine, and the pass after it sees every record.
    // A live source's connection is a job that stays 'Streaming' (unfinished) while it is connected: not an import
    // running, or no record of a user with a connection made in the last day would be embedded.
    private const string ImportRunning = """
        SELECT EXISTS (SELECT 1 FROM imports.jobs
                       WHERE user_id = $1 AND finished_at IS NULL AND status <> 'Streaming' AND created_at > now() - interval '1 day')
        """;

    private const string Status = $"""
        SELECT (SELECT count(*) FROM user_data.records r CROSS JOIN LATERAL (SELECT {EmbeddableText.Sql} AS text) s
                WHERE r.user_id = @user AND r.kind = ANY(@kinds) AND {EmbeddableText.HashSql} IS NOT NULL),
               (SELECT count(*) FROM vectors.record_embeddings WHERE user_id = @user AND model_id = @model),
               p.pending, p.covered_at
        FROM (SELECT 1) AS one
        LEFT JOIN vectors.embedding_progress p ON p.user_id = @user AND p.model_id = @model
        """;

    private readonly EmbeddingSettings _settings = options.Value;

    /// <summary>Asks for a pass over the user's records with the configured model (after an import, or when the model changed).</summary>
    public async Task RequestAsync(string userId, CancellationToken cancellationToken)
    {
        var model = await models.StoredAsync(models.Configured, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await EmbeddingProgress.RequestAsync(connection, transaction, userId, model, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Asks for a pass only when the configured model has none for the user yet (a model switch); true when work is pending.</summary>
    public async Task<bool> EnsureRequestedAsync(string userId, CancellationToken cancellationToken)
    {
        var model = await models.StoredAsync(models.Configured, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        var pass = await EmbeddingProgress.ReadAsync(connection, transaction, userId, model, cancellationToken);
        if (pass is null)
        {
            await EmbeddingProgress.RequestAsync(connection, transaction, userId, model, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return pass is null or { Pending: true };
    }

    /// <summary>How far the configured model has come for the user, and which model serves search now.</summary>
    public async Task<SearchIndexStatus> StatusAsync(string userId, CancellationToken cancellationToken)
    {
        var model = await models.StoredAsync(models.Configured, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        var serving = await ServingModel.FindAsync(models, connection, transaction, userId, cancellationToken);
        await using var command = new NpgsqlCommand(Status, connection, transaction);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("model", model.Id);
        command.Parameters.AddWithValue("kinds", EmbeddableText.Kinds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SearchIndexStatus(
            model.Name, serving?.Stored.Name, reader.GetInt64(0), reader.GetInt64(1), !reader.IsDBNull(2) && reader.GetBoolean(2),
            reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero));
    }

    public async Task<EmbeddingBatchResult> EmbedNextBatchAsync(string userId, CancellationToken cancellationToken)
    {
        var configured = models.Configured;
        var model = await models.StoredAsync(configured, cancellationToken);
        EmbeddingProgress.Pass? pass;
        List<EmbeddingBatch.Scanned> scanned;
        long lookedAt;
        HashSet<(short Kind, string Hash)> known;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken))
        {
            pass = await EmbeddingProgress.ReadAsync(connection, transaction, userId, model, cancellationToken);
            if (pass is not { Pending: true })
            {
                return new EmbeddingBatchResult(0, 0, Finished: true, Deferred: false);
            }

            if (await ImportRunsAsync(connection, transaction, userId, cancellationToken))
            {
                return new EmbeddingBatchResult(0, 0, Finished: false, Deferred: true);
            }

            (scanned, lookedAt) = await ScanAsync(connection, transaction, userId, model, pass, cancellationToken);
            known = await KnownTextsAsync(connection, transaction, userId, model, scanned, cancellationToken);
        }

        var batch = EmbeddingBatch.Take(scanned, known, Math.Max(1, _settings.BatchSize));
        var reachedEnd = !batch.Full && lookedAt < ScanLimit;
        var vectors = batch.NewTexts.Count == 0
            ? null
            : await slots.RunAsync(() => configured.Generator.GenerateAsync(batch.NewTexts.Select(text => text.Text), cancellationToken: cancellationToken), cancellationToken);

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken))
        {
            if (batch.Records.Count > 0)
            {
                await StoreAsync(connection, transaction, userId, model, batch, vectors, cancellationToken);
            }

            var finished = false;
            if (reachedEnd)
            {
                finished = await EmbeddingProgress.FinishAsync(connection, transaction, userId, model, pass, cancellationToken);
            }
            else
            {
                var last = scanned[batch.Visited - 1];
                await EmbeddingProgress.AdvanceAsync(connection, transaction, userId, model, pass, last.Kind, last.Identity, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new EmbeddingBatchResult(batch.Full ? batch.Records.Count : (int)lookedAt, batch.Records.Count, finished, Deferred: false);
        }
    }

    private int ScanLimit => Math.Max(_settings.BatchSize, _settings.ScanSize);

    /// <summary>The scan's rows (those needing a vector, then the last record looked at, without text) and how many records it looked at.</summary>
    private async Task<(List<EmbeddingBatch.Scanned> Rows, long LookedAt)> ScanAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, EmbeddingProgress.Pass pass, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Scan, connection, transaction);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("model", model.Id);
        command.Parameters.AddWithValue("kinds", EmbeddableText.Kinds);
        command.Parameters.Add(new NpgsqlParameter<short?>("after_kind", pass.CursorKind));
        command.Parameters.Add(new NpgsqlParameter<string?>("after_identity", pass.CursorIdentity));
        command.Parameters.AddWithValue("scan", ScanLimit);
        var rows = new List<EmbeddingBatch.Scanned>();
        long lookedAt = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new EmbeddingBatch.Scanned(
                reader.GetInt16(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3)));
            lookedAt = Math.Max(lookedAt, reader.GetInt64(4));
        }

        return (rows, lookedAt);
    }

    private static async Task<HashSet<(short Kind, string Hash)>> KnownTextsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, List<EmbeddingBatch.Scanned> scanned,
        CancellationToken cancellationToken)
    {
        var known = new HashSet<(short Kind, string Hash)>();
        var wanted = scanned.Where(row => row.Hash is not null).ToList();
        if (wanted.Count == 0)
        {
            return known;
        }

        await using var command = new NpgsqlCommand(KnownTexts, connection, transaction);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("model", model.Id);
        command.Parameters.AddWithValue("kinds", wanted.Select(row => row.Kind).ToArray());
        command.Parameters.AddWithValue("hashes", wanted.Select(row => row.Hash!).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add((reader.GetInt16(0), Convert.ToHexString(reader.GetFieldValue<byte[]>(1))));
        }

        return known;
    }

    private static async Task StoreAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, EmbeddingBatch batch,
        GeneratedEmbeddings<Embedding<float>>? vectors, CancellationToken cancellationToken)
    {
        await using var statements = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < batch.NewTexts.Count; i++)
        {
            var vector = vectors![i].Vector.ToArray();
            if (vector.Length != model.Dimensions)
            {
                throw new InvalidOperationException($"Embedding model '{model.Name}' returned {vector.Length} dimensions instead of {model.Dimensions}.");
            }

            var text = batch.NewTexts[i];
            var insert = new NpgsqlBatchCommand(InsertText);
            insert.Parameters.Add(new NpgsqlParameter { Value = userId });
            insert.Parameters.Add(new NpgsqlParameter { Value = model.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = text.Kind });
            insert.Parameters.Add(new NpgsqlParameter { Value = text.Hash });
            insert.Parameters.Add(new NpgsqlParameter { Value = vector });
            statements.BatchCommands.Add(insert);
        }

        var records = new NpgsqlBatchCommand(UpsertRecords);
        records.Parameters.Add(new NpgsqlParameter { Value = userId });
        records.Parameters.Add(new NpgsqlParameter { Value = model.Id });
        records.Parameters.Add(new NpgsqlParameter { Value = batch.Records.Select(row => row.Kind).ToArray() });
        records.Parameters.Add(new NpgsqlParameter { Value = batch.Records.Select(row => row.Identity).ToArray() });
        records.Parameters.Add(new NpgsqlParameter { Value = batch.Records.Select(row => row.Hash!).ToArray() });
        statements.BatchCommands.Add(records);
        await statements.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ImportRunsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ImportRunning, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
