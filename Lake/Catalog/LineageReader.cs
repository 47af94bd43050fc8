using System.Globalization;
using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Lineage, both ways (docs/catalog.md, "Lineage"): where a record came from (its source file, the import or poll that
/// read it, the other files whose records matched it, and what was derived from it), and what depends on a source file
/// (the datasets its rows are in, with counts; files matched with it; embeddings of its records; models trained on data
/// of its span). Read under the user's row-level security: another user's file or record is not found.
/// </summary>
public sealed class LineageReader(NpgsqlDataSource dataSource)
{
    private const string FileFacts = """
        SELECT f.file_id, f.import_id, f.path, f.format_id, f.source, f.status, f.bytes, coalesce(f.finished_at, f.started_at),
               j.status, c.provider, c.account
        FROM imports.files f JOIN imports.jobs j ON j.import_id = f.import_id
        LEFT JOIN user_data.connections c ON c.import_id = f.import_id
        WHERE f.user_id = @user AND f.file_id = @file
        """;

    private const string Matches = """
        SELECT file_id, matched_file_id, rule, sum(records) FROM imports.file_matches
        WHERE user_id = @user AND (file_id = @file OR matched_file_id = @file) GROUP BY file_id, matched_file_id, rule
        """;

    private const string Stored = """
        SELECT 'location_points', count(*), min(time), max(time) FROM timeseries.location_points WHERE user_id = @user AND file_id = @file
        UNION ALL
        SELECT k.name, count(*), min(r.occurred_at), max(r.occurred_at) FROM user_data.records r JOIN user_data.record_kinds k ON k.kind = r.kind
        WHERE r.user_id = @user AND r.file_id = @file GROUP BY k.name
        """;

    private const string Embedded = """
        SELECT count(*) FROM vectors.record_embeddings e JOIN user_data.records r ON r.user_id = e.user_id AND r.kind = e.kind AND r.identity = e.identity
        WHERE e.user_id = @user AND r.file_id = @file
        """;

    private const string RecordByKey = """
        SELECT r.file_id, r.occurred_at, r.title, EXISTS (SELECT 1 FROM vectors.record_embeddings e WHERE e.user_id = r.user_id AND e.kind = r.kind AND e.identity = r.identity)
        FROM user_data.records r WHERE r.user_id = @user AND r.kind = @kind AND r.identity = @identity
        """;

    private const string FixByTime = """
        SELECT p.file_id, p.time, NULL::text, false FROM timeseries.location_points p
        WHERE p.user_id = @user AND p.time = @time AND (@lat_e7 IS NULL OR (p.lat_e7 = @lat_e7 AND p.lng_e7 = @lng_e7)) LIMIT 1
        """;

    /// <summary>What depends on source file <paramref name="fileId"/>; null when the user has no such file.</summary>
    public async Task<LineageGraph?> OfFileAsync(string userId, long fileId, CancellationToken cancellationToken)
    {
        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        var graph = new LineageGraphBuilder(FileNode(fileId));
        if (await AddFileAsync(read, userId, fileId, graph, cancellationToken) is not { } source)
        {
            return null;
        }

        var (from, to) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        await using (var command = Command(read, Stored, userId, fileId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (kind, rows) = (reader.GetString(0), reader.GetInt64(1));
                if (rows == 0)
                {
                    continue;
                }

                var name = kind == RecordKind.LocationPoint.ToName() ? DatasetNames.Fixes(source.Format) : DatasetNames.Records(source.Format, kind);
                var dataset = graph.Node(DatasetNode(name), "dataset", name, ("kind", kind), ("zone", CatalogZones.Silver));
                graph.Edge(source.Import, dataset, "stored", rows);
                if (!reader.IsDBNull(2))
                {
                    (from, to) = (Min(from, reader.GetFieldValue<DateTimeOffset>(2)), Max(to, reader.GetFieldValue<DateTimeOffset>(3)));
                }
            }
        }

        await using (var command = Command(read, Embedded, userId, fileId))
        {
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! is var embedded and > 0)
            {
                graph.Edge(FileNode(fileId), graph.Node(DatasetNode(DatasetNames.Gold("embeddings")), "dataset", "embeddings", ("zone", CatalogZones.Gold)), "derived", embedded);
            }
        }

        if (from <= to)
        {
            await AddModelsAsync(read, userId, FileNode(fileId), from, to, graph, cancellationToken);
        }

        return graph.Build();
    }

    /// <summary>
    /// Where record <paramref name="reference"/> came from and what was derived from it: <c>kind:identity</c>, or a fix as
    /// <c>location_points:TIME</c> or <c>location_points:TIME@LAT,LNG</c>. Null when the user has no such record.
    /// </summary>
    public async Task<LineageGraph?> OfRecordAsync(string userId, string reference, CancellationToken cancellationToken)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !RecordKindNames.TryParse(reference[..colon], out var kind))
        {
            throw new ArgumentException($"record: '{reference}' is not kind:identity (a kind such as place_visits, or location_points:TIME[@LAT,LNG]).", nameof(reference));
        }

        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = kind == RecordKind.LocationPoint ? FixCommand(read, reference[(colon + 1)..]) : read.Command(RecordByKey);
        command.Parameters.AddWithValue("user", userId);
        if (kind != RecordKind.LocationPoint)
        {
            command.Parameters.AddWithValue("kind", (short)kind);
            command.Parameters.AddWithValue("identity", reference[(colon + 1)..]);
        }

        long fileId;
        DateTimeOffset? at;
        bool embedded;
        string? title;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (fileId, at, title, embedded) = (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3));
        }

        var root = $"record:{reference}";
        var graph = new LineageGraphBuilder(root);
        graph.Node(root, "record", title ?? reference, ("kind", kind.ToName()), ("at", at?.ToString("O", CultureInfo.InvariantCulture)));
        if (await AddFileAsync(read, userId, fileId, graph, cancellationToken) is { } source)
        {
            graph.Edge(source.Import, root, "stored");
        }
        else
        {
            graph.Edge(graph.Node(FileNode(fileId), "file", $"file {fileId} (missing)", ("missing", "true")), root, "stored");
        }

        if (embedded)
        {
            graph.Edge(root, graph.Node(DatasetNode(DatasetNames.Gold("embeddings")), "dataset", "embeddings", ("zone", CatalogZones.Gold)), "derived");
        }

        if (at is { } time)
        {
            await AddModelsAsync(read, userId, root, time, time, graph, cancellationToken);
        }

        return graph.Build();
    }

    private static NpgsqlCommand FixCommand(ReadTransaction read, string key)
    {
        var at = key.IndexOf('@', StringComparison.Ordinal);
        var timeText = at < 0 ? key : key[..at];
        if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new ArgumentException($"record: '{timeText}' is not a time (location_points:2024-05-01T08:00:00Z[@LAT,LNG]).", nameof(key));
        }

        int? lat = null, lng = null;
        if (at >= 0)
        {
            var parts = key[(at + 1)..].Split(',');
            if (parts.Length != 2 || !double.TryParse(parts[0], CultureInfo.InvariantCulture, out var latitude) || !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var longitude))
            {
                throw new ArgumentException($"record: '{key[(at + 1)..]}' is not LAT,LNG.", nameof(key));
            }

            (lat, lng) = ((int)Math.Round(latitude * 1e7), (int)Math.Round(longitude * 1e7));
        }

        var command = read.Command(FixByTime);
        command.Parameters.AddWithValue("time", time.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter<int?>("lat_e7", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = lat });
        command.Parameters.Add(new NpgsqlParameter<int?>("lng_e7", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = lng });
        return command;
    }

    /// <summary>Adds the file, the import or connection that read it, and the files whose records matched its records; null when the user has no such file.</summary>
    private static async Task<FileSource?> AddFileAsync(ReadTransaction read, string userId, long fileId, LineageGraphBuilder graph, CancellationToken cancellationToken)
    {
        FileSource source;
        await using (var command = Command(read, FileFacts, userId, fileId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var importId = reader.GetGuid(1);
            var file = graph.Node(FileNode(fileId), "file", reader.GetString(2),
                ("path", reader.GetString(2)), ("format", reader.IsDBNull(3) ? null : reader.GetString(3)), ("source", reader.GetString(4)),
                ("status", reader.GetString(5)), ("bytes", reader.IsDBNull(6) ? null : reader.GetInt64(6).ToString(CultureInfo.InvariantCulture)),
                ("at", reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7).ToString("O", CultureInfo.InvariantCulture)));
            var (type, label) = reader.IsDBNull(9) ? (reader.GetString(8) == "live" ? "live" : "import", $"import {importId}")
                : ("connection", $"{reader.GetString(9)} {reader.GetString(10)}");
            var import = graph.Node($"import:{importId}", type, label, ("status", reader.GetString(8)));
            graph.Edge(file, import, type == "import" ? "read by" : "received by");
            source = new FileSource(import, reader.IsDBNull(3) ? "unknown" : reader.GetString(3));
        }

        var matched = new List<(long File, long Matched, string Rule, long Records)>();
        await using (var command = Command(read, Matches, userId, fileId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                matched.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
            }
        }

        foreach (var (file, kept, rule, records) in matched)
        {
            var other = file == fileId ? kept : file;
            graph.Node(FileNode(other), "file", $"file {other}", ("rule", rule));
            // An edge from the file whose records matched to the file whose copy was kept.
            graph.Edge(FileNode(file), FileNode(kept), $"matched ({rule})", records);
        }

        return source;
    }

    private static async Task AddModelsAsync(
        ReadTransaction read, string userId, string from, DateTimeOffset start, DateTimeOffset end, LineageGraphBuilder graph, CancellationToken cancellationToken)
    {
        foreach (var model in await ModelsTrainedOn.SpanAsync(read, userId, start, end, cancellationToken))
        {
            var node = graph.Node($"model:{model.Kind}:{model.Version}", "model", $"{model.Kind} v{model.Version}", ("status", model.Status),
                ("data", $"{model.DataFrom:yyyy-MM-dd}..{model.DataTo:yyyy-MM-dd}"));
            graph.Edge(from, node, "trained");
        }
    }

    private static NpgsqlCommand Command(ReadTransaction read, string sql, string userId, long fileId)
    {
        var command = read.Command(sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("file", fileId);
        return command;
    }

    /// <summary>The import or connection node that read a file, and the file's format (which names its datasets).</summary>
    private sealed record FileSource(string Import, string Format);

    private static string FileNode(long fileId) => $"file:{fileId}";

    private static string DatasetNode(string dataset) => $"dataset:{dataset}";

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
