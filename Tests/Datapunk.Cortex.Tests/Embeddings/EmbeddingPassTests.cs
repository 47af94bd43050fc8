using Datapunk.Cortex.Embeddings;
using Datapunk.Lake;
using Npgsql;

namespace Datapunk.Cortex.Tests.Embeddings;

/// <summary>
/// A pass over a user's records under a stream of requests (a live source storing records every few
/// minutes): it runs on to the end instead of starting again at each request, then passes once more over
/// what arrived behind its cursor, and finishes when the requests stop.
/// </summary>
public sealed class EmbeddingPassTests
{
    private static readonly string[] Texts = ["Bought new sneakers for jogging in the park", "Chocolate cake recipe without eggs", "Tiramisu with mascarpone"];
    private static readonly DateTimeOffset June = new(2023, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Requests_during_a_pass_do_not_keep_it_from_the_end_and_what_arrived_behind_its_cursor_is_embedded_after()
    {
        // Scans of 1,000 records (20,000 by default), so that 2,500 records take a pass of three batches.
        var engines = await SearchEngines.WithAsync(new EmbeddingSettings { Threads = 2, ScanSize = 1_000 });
        var user = CortexDatabase.NewUserId("pass");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
            Enumerable.Range(0, 2_500).Select(i => new TestRecord(RecordKind.YoutubeWatch, $"w{i:0000}", Texts[i % 3], OccurredAt: June.AddMinutes(i))));
        await engines.Embedder.RequestAsync(user, TestContext.Current.CancellationToken);

        for (var poll = 0; poll < 6; poll++)
        {
            var batch = await engines.Embedder.EmbedNextBatchAsync(user, TestContext.Current.CancellationToken);
            batch.Finished.ShouldBeFalse($"batch {poll}: a request came after every batch");
            // A poll stores a record that sorts behind the pass's cursor (right after w0000), and asks for a pass.
            await SearchCorpus.InsertAsync(engines.DataSource, user, [new(RecordKind.YoutubeWatch, $"w0000-{poll}", Texts[poll % 3], OccurredAt: June)]);
            await engines.Embedder.RequestAsync(user, TestContext.Current.CancellationToken);
        }

        (await MissingAsync(engines, user, "w2499")).ShouldBe(0,
            "the pass went on to the end of the records (three scans of 1,000) although a request came after each batch");

        var batches = 0;
        while (!(await engines.Embedder.EmbedNextBatchAsync(user, TestContext.Current.CancellationToken)).Finished)
        {
            (++batches).ShouldBeLessThan(10, "once the requests stop, the pass ends after one more pass over the records");
        }

        (await MissingAsync(engines, user, null)).ShouldBe(0, "every record, those stored behind the cursor too, has a vector");
        var status = await engines.Embedder.StatusAsync(user, TestContext.Current.CancellationToken);
        status.Running.ShouldBeFalse();
        status.CoveredAt.ShouldNotBeNull();
        status.Embedded.ShouldBe(2_506);
    }

    /// <summary>Records of the user without a vector: all of them, or the one named.</summary>
    private static async Task<long> MissingAsync(SearchEngines engines, string user, string? identity)
    {
        await using var command = engines.DataSource.CreateCommand("""
            SELECT count(*) FROM user_data.records r
            WHERE r.user_id = $1 AND ($2::text IS NULL OR r.identity = $2)
              AND NOT EXISTS (SELECT 1 FROM vectors.record_embeddings e WHERE e.user_id = r.user_id AND e.kind = r.kind AND e.identity = r.identity)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)identity ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
