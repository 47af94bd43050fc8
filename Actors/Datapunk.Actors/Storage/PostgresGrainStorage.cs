using System.Globalization;
using Datapunk.Actors.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Actors.Storage;

/// <summary>Grain state in <c>actors.grain_state</c> as jsonb, versioned by a bigint etag and fenced by lease.</summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, ActorRuntimeOptions options) : IGrainStorage, IAsyncDisposable
{
    private readonly StateWriteBatcher _writes = new(dataSource, options.ClusterId);

    private const string ClearSql = $"""
        WITH {LeaseFence.ValidLeaseCte}
        DELETE FROM actors.grain_state
        WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key AND state_name = @name
          AND etag = @expected_etag AND EXISTS (SELECT 1 FROM lease)
        """;

    public async Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT payload::text, etag FROM actors.grain_state
            WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key AND state_name = @name
            """);
        command.Parameters.AddWithValue("cluster", options.ClusterId);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredState(reader.GetString(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture))
            : null;
    }

    public async Task<string> WriteAsync(GrainStateKey key, string json, string? expectedEtag, WriteFence fence, CancellationToken cancellationToken = default)
    {
        var written = await _writes.WriteAsync(key, json, ParseEtag(expectedEtag), fence);
        if (written is { } etag)
        {
            return etag.ToString(CultureInfo.InvariantCulture);
        }

        throw await ExplainRefusalAsync(key, expectedEtag, fence, cancellationToken);
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedEtag, WriteFence fence, CancellationToken cancellationToken = default)
    {
        var expected = ParseEtag(expectedEtag);
        await using var command = dataSource.CreateCommand(ClearSql);
        LeaseFence.AddParameters(command, options.ClusterId, fence);
        AddKey(command, key);
        command.Parameters.Add(new NpgsqlParameter("expected_etag", NpgsqlDbType.Bigint) { Value = (object?)expected ?? DBNull.Value });
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        if (deleted == 0 && (expected is not null || !await LeaseFence.IsCurrentAsync(dataSource, options.ClusterId, fence, cancellationToken)))
        {
            throw await ExplainRefusalAsync(key, expectedEtag, fence, cancellationToken);
        }
    }

    private async Task<Exception> ExplainRefusalAsync(GrainStateKey key, string? expectedEtag, WriteFence fence, CancellationToken cancellationToken)
    {
        if (!await LeaseFence.IsCurrentAsync(dataSource, options.ClusterId, fence, cancellationToken))
        {
            return LeaseFence.Lost(key.GrainId, fence);
        }

        var stored = await ReadAsync(key, cancellationToken);
        return new InconsistentStateException(
            $"State '{key.StateName}' of {key.GrainId} changed since it was read: expected version {expectedEtag ?? "(none)"}, " +
            $"stored version {stored?.Etag ?? "(none)"}.");
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    private static void AddKey(NpgsqlCommand command, GrainStateKey key)
    {
        command.Parameters.AddWithValue("type", key.GrainId.Type);
        command.Parameters.AddWithValue("key", key.GrainId.Key);
        command.Parameters.AddWithValue("name", key.StateName);
    }

    private static long? ParseEtag(string? etag) =>
        etag is null ? null : long.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);
}
