using Datapunk.Lake;
using Npgsql;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>
/// Records that repeat one text (a song played every day, the same place visited) share one vector of
/// it (migration 0062): the model embeds the text once, semantic search finds every record embedded
/// from it, and the vector goes when the last of them does.
/// </summary>
public sealed class RepeatedTextSearchTests
{
    private const string Sneakers = "Bought new sneakers for jogging in the park";
    private static readonly DateTimeOffset June = new(2023, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Records_sharing_a_text_share_one_vector_and_semantic_search_finds_each_of_them()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("repeated");
        var other = CortexDatabase.NewUserId("repeated-other");
        var watches = Enumerable.Range(0, 40).Select(i => new TestRecord(RecordKind.YoutubeWatch, $"w{i:00}", Sneakers, OccurredAt: June.AddDays(i)));
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            .. watches,
            new(RecordKind.YoutubeWatch, "cake", "Chocolate cake recipe without eggs", OccurredAt: June),
            new(RecordKind.KeepNote, "note", Sneakers, OccurredAt: June),
        ]);
        await SearchCorpus.InsertAsync(engines.DataSource, other, [new(RecordKind.YoutubeWatch, "w00", Sneakers, OccurredAt: June)]);

        (await engines.EmbedAllAsync(user)).ShouldBe(42, "every record is given a vector");
        (await engines.EmbedAllAsync(other)).ShouldBe(1);
        (await TextVectorsAsync(engines, user)).ShouldBe(3, "one vector per distinct text of a kind: the sneakers video, the cake video, the sneakers note");
        (await TextVectorsAsync(engines, other)).ShouldBe(1, "another user's copy of the text is theirs alone");

        var page = await engines.Search.SearchAsync(
            user, SearchEngines.Query("athletic footwear", limit: 50) with { Methods = ["semantic"] }, TestContext.Current.CancellationToken);
        var ids = page.Results.Select(result => result.Id).ToList();
        ids.ShouldBe([.. Enumerable.Range(0, 40).Select(i => $"w{i:00}"), "note"], ignoreOrder: true, TextSearchTests.Describe(page));

        var notes = await engines.Search.SearchAsync(
            user, SearchEngines.Query("athletic footwear") with { Methods = ["semantic"], Kinds = ["keep_notes"] }, TestContext.Current.CancellationToken);
        notes.Results.Select(result => result.Id).ShouldBe(["note"]);
    }

    [Fact]
    public async Task A_time_filtered_semantic_search_ranks_the_nearest_texts_records_in_the_range_or_for_a_narrow_range_every_vector_in_it()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("repeated-time");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            .. Enumerable.Range(0, 30).Select(i => new TestRecord(RecordKind.YoutubeWatch, $"new{i:00}", Sneakers, OccurredAt: June.AddDays(i))),
            .. Enumerable.Range(0, 25).Select(i => new TestRecord(RecordKind.YoutubeWatch, $"old{i:00}", Sneakers, OccurredAt: June.AddYears(-2).AddDays(i))),
            new(RecordKind.KeepNote, "cake", "Chocolate cake recipe without eggs", OccurredAt: June.AddYears(-2)),
        ]);
        (await engines.EmbedAllAsync(user)).ShouldBe(56);

        // 25 records of the range among the nearest texts' records: those are ranked.
        var wide = SearchEngines.Query("athletic footwear", limit: 50) with
        {
            Methods = ["semantic"], From = June.AddYears(-2).AddDays(-1), To = June.AddYears(-1),
        };
        var inRange = await engines.Search.SearchAsync(user, wide, TestContext.Current.CancellationToken);
        inRange.Results.Select(result => result.Id).ShouldBe(Enumerable.Range(0, 25).Select(i => $"old{i:00}"), ignoreOrder: true, TextSearchTests.Describe(inRange));

        // One day: too few of the nearest texts' records, so every vector of the day is ranked.
        var day = SearchEngines.Query("athletic footwear") with { Methods = ["semantic"], From = June.AddDays(5), To = June.AddDays(6) };
        (await engines.Search.SearchAsync(user, day, TestContext.Current.CancellationToken)).Results.Select(result => result.Id).ShouldBe(["new05"]);

        // A record's time moves (a richer copy arrived): its vector's follows.
        await ExecuteAsync(engines, "UPDATE user_data.records SET occurred_at = occurred_at - interval '2 years' WHERE user_id = $1 AND identity = 'new05'", user);
        (await engines.Search.SearchAsync(user, day, TestContext.Current.CancellationToken)).Results.ShouldBeEmpty();
        (await engines.Search.SearchAsync(user, wide, TestContext.Current.CancellationToken)).Results.Count.ShouldBe(26);
    }

    [Fact]
    public async Task A_texts_vector_goes_with_the_last_record_embedded_from_it_and_a_changed_text_is_embedded_anew()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("repeated-gone");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.YoutubeWatch, "a", Sneakers, OccurredAt: June),
            new(RecordKind.YoutubeWatch, "b", Sneakers, OccurredAt: June),
            new(RecordKind.YoutubeWatch, "c", "Chocolate cake recipe without eggs", OccurredAt: June),
        ]);
        (await engines.EmbedAllAsync(user)).ShouldBe(3);
        (await TextVectorsAsync(engines, user)).ShouldBe(2);

        await ExecuteAsync(engines, "DELETE FROM vectors.record_embeddings WHERE user_id = $1 AND identity = 'a'", user);
        (await TextVectorsAsync(engines, user)).ShouldBe(2, "record b still uses the sneakers text");
        await ExecuteAsync(engines, "DELETE FROM vectors.record_embeddings WHERE user_id = $1 AND identity = 'b'", user);
        (await TextVectorsAsync(engines, user)).ShouldBe(1, "no record uses the sneakers text any more");

        await ExecuteAsync(engines, "UPDATE user_data.records SET title = 'Tiramisu recipe with mascarpone' WHERE user_id = $1 AND identity = 'c'", user);
        (await engines.EmbedAllAsync(user)).ShouldBe(3, "a, b (their vectors were deleted) and c (its text changed) are embedded again");
        (await TextVectorsAsync(engines, user)).ShouldBe(2, "the sneakers text is back; the cake text went when c was embedded from its new text");
        var dessert = await engines.Search.SearchAsync(
            user, SearchEngines.Query("italian dessert") with { Methods = ["semantic"] }, TestContext.Current.CancellationToken);
        dessert.Results.Select(result => result.Id).FirstOrDefault().ShouldBe("c", TextSearchTests.Describe(dessert));
    }

    private static async Task<long> TextVectorsAsync(SearchEngines engines, string user)
    {
        await using var command = engines.DataSource.CreateCommand("SELECT count(*) FROM vectors.text_embeddings WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task ExecuteAsync(SearchEngines engines, string sql, string user)
    {
        await using var command = engines.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
