using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Import.Tests.Storage;

/// <summary>The hand-written binary COPY encoding, read back by PostgreSQL itself: every type staging uses, nulls, edges and values larger than the buffer.</summary>
public sealed class BinaryCopyWriterTests
{
    private const string Columns = "s smallint, i integer, t timestamptz, x text, j jsonb";

    [Fact]
    public async Task Postgres_reads_back_what_was_written()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var longText = string.Concat(Enumerable.Repeat("ünïcødé ✓ ", 30_000)); // about 400 KB of UTF-8, several buffers
        var rows = new (short S, int? I, DateTime? T, string? X, string? J)[]
        {
            (short.MinValue, int.MinValue, new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), "", """{"a": 1}"""),
            (short.MaxValue, int.MaxValue, new DateTime(2019, 5, 3, 12, 34, 56, 789, DateTimeKind.Utc).AddTicks(1230), "Zürich — 東京", """{"nested": {"emoji": "🙂"}}"""),
            (0, null, null, null, null),
            (7, -1, new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc), longText, null),
        };

        await using var connection = await OpenWithTableAsync($"copied (n integer, {Columns})");

        await using (var copy = await BinaryCopyWriter.StartAsync(connection, "COPY copied (n, s, i, t, x, j) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var n = 0; n < rows.Length; n++)
            {
                await copy.StartRowAsync(6, cancellationToken);
                copy.WriteInt32(n);
                copy.WriteInt16(rows[n].S);
                copy.WriteInt32(rows[n].I);
                copy.WriteTimestamp(rows[n].T);
                copy.WriteText(rows[n].X);
                copy.WriteJsonb(rows[n].J);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var read = new NpgsqlCommand("SELECT s, i, t, x, j::text FROM copied ORDER BY n", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        foreach (var expected in rows)
        {
            (await reader.ReadAsync(cancellationToken)).ShouldBeTrue();
            reader.GetInt16(0).ShouldBe(expected.S);
            (reader.IsDBNull(1) ? (int?)null : reader.GetInt32(1)).ShouldBe(expected.I);
            (reader.IsDBNull(2) ? (DateTime?)null : reader.GetDateTime(2)).ShouldBe(expected.T);
            (reader.IsDBNull(3) ? null : reader.GetString(3)).ShouldBe(expected.X);
            if (expected.J is null)
            {
                reader.IsDBNull(4).ShouldBeTrue();
            }
            else
            {
                System.Text.Json.Nodes.JsonNode.DeepEquals(
                    System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(4)), System.Text.Json.Nodes.JsonNode.Parse(expected.J)).ShouldBeTrue(reader.GetString(4));
            }
        }

        (await reader.ReadAsync(cancellationToken)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_copy_disposed_without_completing_stores_nothing_and_leaves_the_connection_usable()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await OpenWithTableAsync("abandoned (i integer)");

        await using (var copy = await BinaryCopyWriter.StartAsync(connection, "COPY abandoned (i) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < 50_000; i++)
            {
                await copy.StartRowAsync(1, cancellationToken);
                copy.WriteInt32(i);
            }
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM abandoned", connection);
        ((long)(await count.ExecuteScalarAsync(cancellationToken))!).ShouldBe(0);
    }

    [Fact]
    public async Task A_local_time_is_refused_rather_than_shifted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await OpenWithTableAsync("times (t timestamptz)");

        await using var copy = await BinaryCopyWriter.StartAsync(connection, "COPY times (t) FROM STDIN (FORMAT BINARY)", cancellationToken);
        await copy.StartRowAsync(1, cancellationToken);
        Should.Throw<ArgumentException>(() => copy.WriteTimestamp(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)))
            .Message.ShouldContain("UTC");
    }

    /// <summary>A connection with a temporary table of its own (gone when the connection goes back to the pool).</summary>
    private static async Task<NpgsqlConnection> OpenWithTableAsync(string definition)
    {
        var connection = await ImportDatabase.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var create = new NpgsqlCommand($"CREATE TEMP TABLE {definition}", connection);
        await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
