using Datapunk.Lake;
using Datapunk.Lake.Formats.Location;
using Datapunk.Lake.Formats.Mail;
using Datapunk.Lake.Formats.Photos;
using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Import.Tests.Identity;

/// <summary>
/// Migration 0007 re-keys records stored under scheme 1 identities: rows stored as an earlier
/// version stored them (the readers' records, under their old identity) get, from their stored
/// columns alone, exactly the identity the code computes today, so a re-import matches them.
/// The script re-keys every user's rows, so it runs in a database of its own
/// (<see cref="RekeyDatabase"/>): in the shared one it would wait for, or deadlock with, whatever
/// other test runs hold on the records, such as a paused silo's open transaction.
/// </summary>
public sealed class RecordRekeyMigrationTests(RekeyDatabase database) : IClassFixture<RekeyDatabase>, IDisposable
{
    private const string MigrationName = "0007_record_identity_v2.sql";

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Re_keyed_identities_equal_what_the_readers_compute()
    {
        const string user = "rekey";
        var records = await ReadAllAsync();
        records.Select(r => r.Kind).Distinct().Order().ToArray().ShouldBe(
            [RecordKind.PlaceVisit, RecordKind.ActivitySegment, RecordKind.Photo, RecordKind.Email], "every re-keyed kind is covered");
        var old = records.Select((record, n) => (Record: record, OldIdentity: $"v1-{n}")).ToList();
        await InsertAsync(user, old.Select((row, n) => (row.Record, row.OldIdentity, FileId: 1000L + n)));

        await ApplyMigrationScriptAgainAsync();

        // The Android and iOS fixtures hold the same trip (08:30-09:10 UTC): one identity, so one row stays, the earlier file's.
        var expected = old
            .Select((row, n) => (FileId: 1000L + n, row.Record.Kind, row.Record.Identity))
            .GroupBy(row => (row.Kind, row.Identity))
            .Select(group => (group.First().FileId, group.Key.Identity))
            .ToList();
        var stored = await IdentitiesByFileAsync(user);
        stored.ShouldBe(expected, "each row re-keyed to the identity its reader gives (file id, identity)");
        stored.Count.ShouldBe(records.Count - 1, "only the trip both on-device fixtures hold is stored once");
        stored.ShouldAllBe(row => row.Identity.StartsWith(RecordIdentity.V2Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_that_re_key_to_one_identity_keep_the_earliest_file()
    {
        const string user = "rekey-merge";
        var segment = (await ReadAllAsync()).First(r => r.Kind == RecordKind.ActivitySegment);
        await InsertAsync(user, [(segment, "h:from-the-newer-export", 2002L), (segment, "h:from-the-older-export", 2001L)]);

        await ApplyMigrationScriptAgainAsync();

        (await IdentitiesByFileAsync(user)).ShouldBe([(2001L, segment.Identity)], "one row, the earliest file's, under the new identity");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Records of every re-keyed kind from the readers' own fixtures, plus mail with CRLF, trailing blanks and no Message-ID.</summary>
    private async Task<List<PersonalRecord>> ReadAllAsync()
    {
        var fixtures = Path.Combine(RepositoryPaths.Root, "Tests", "Datapunk.Lake.Tests", "Fixtures");
        var records = new List<PersonalRecord>();
        records.AddRange(await RecordCollector.ReadAsync(
            new SemanticLocationHistoryReader(), Path.Combine(fixtures, "google.location.semantic", "2019_JULY.json"), "Takeout/Semantic Location History/2019/2019_JULY.json"));
        records.AddRange(await RecordCollector.ReadAsync(
            new TimelineAndroidReader(), Path.Combine(fixtures, "google.location.timeline-android", "Timeline.json"), "Timeline.json"));
        records.AddRange(await RecordCollector.ReadAsync(
            new TimelineIosReader(), Path.Combine(fixtures, "google.location.timeline-ios", "location-history.json"), "location-history.json"));
        foreach (var sidecar in Directory.EnumerateFiles(Path.Combine(fixtures, "google.photos.sidecar"), "*.json", SearchOption.AllDirectories).Order())
        {
            var entryPath = "Takeout/" + Path.GetRelativePath(Path.Combine(fixtures, "google.photos.sidecar"), sidecar).Replace('\\', '/');
            records.AddRange(await RecordCollector.ReadAsync(new PhotoSidecarReader(), sidecar, entryPath));
        }

        records.AddRange(await RecordCollector.ReadAsync(
            new GmailMboxReader(), Path.Combine(fixtures, "google.mail.mbox", "Mail", "All mail Including Spam and Trash.mbox"), "All mail.mbox"));
        var crlf = _temp.File("crlf.mbox");
        await File.WriteAllTextAsync(crlf, string.Concat(
            "From 1@xxx Mon Jan 01 08:00:00 +0000 2024\r\n",
            "From: a@example.com\r\nSubject: Trailing blanks\r\nMessage-ID: <crlf@example.com>\r\nDate: Mon, 1 Jan 2024 08:00:00 +0000\r\n\r\n",
            "Line one  \r\nLine two\t\r\n\r\n\r\n",
            "From 2@xxx Mon Jan 01 09:00:00 +0000 2024\r\n",
            "From: b@example.com\r\nSubject: No id\r\nDate: Mon, 1 Jan 2024 09:00:00 +0000\r\n\r\n",
            "Body \t \r\nwithout an id\r\n"), TestContext.Current.CancellationToken);
        records.AddRange(await RecordCollector.ReadAsync(new GmailMboxReader(), crlf, "crlf.mbox"));
        return records;
    }

    /// <summary>Stores records as the chunk merge does (the columns the migration reads), under given identities and files.</summary>
    private async Task InsertAsync(string user, IEnumerable<(PersonalRecord Record, string Identity, long FileId)> rows)
    {
        await using var batch = database.DataSource.CreateBatch();
        foreach (var (record, identity, fileId) in rows)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO user_data.records (user_id, kind, identity, occurred_at, ended_at, title, body, url, source, file_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = user });
            command.Parameters.Add(new NpgsqlParameter { Value = (short)record.Kind });
            command.Parameters.Add(new NpgsqlParameter { Value = identity });
            command.Parameters.Add(Nullable(record.OccurredAt, NpgsqlDbType.TimestampTz));
            command.Parameters.Add(Nullable(record.EndedAt, NpgsqlDbType.TimestampTz));
            command.Parameters.Add(Nullable(record.Title, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(record.Text, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(record.Url, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(record.Source?.ToJsonString(), NpgsqlDbType.Text));
            command.Parameters.Add(new NpgsqlParameter { Value = fileId });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs migration 0007 as the migrator does (it was applied when the schema was created, before these rows existed).</summary>
    private async Task ApplyMigrationScriptAgainAsync()
    {
        var assembly = typeof(LakeServiceCollectionExtensions).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(name => name.EndsWith(MigrationName, StringComparison.Ordinal));
        await using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var sql = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<(long FileId, string Identity)>> IdentitiesByFileAsync(string user)
    {
        var rows = new List<(long, string)>();
        await using var command = database.DataSource.CreateCommand("SELECT file_id, identity FROM user_data.records WHERE user_id = $1 ORDER BY file_id");
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
