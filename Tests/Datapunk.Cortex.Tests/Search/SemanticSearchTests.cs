using Datapunk.Lake;
using Npgsql;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>Semantic search with the real local MiniLM model: a description finds what no word of it names.</summary>
public sealed class SemanticSearchTests
{
    private static readonly DateTimeOffset June = new(2023, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_description_finds_a_record_sharing_no_word_with_it_once_embeddings_land()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("semantic");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.YoutubeWatch, "w1", "Bought new sneakers for jogging in the park", OccurredAt: June),
            new(RecordKind.YoutubeWatch, "w2", "Quarterly tax return deadline explained", OccurredAt: June),
            new(RecordKind.YoutubeWatch, "w3", "Chocolate cake recipe without eggs", OccurredAt: June),
            new(RecordKind.FitDay, "f1", "Running shoes", OccurredAt: June),
        ]);

        var before = await engines.FindAsync(user, "athletic footwear");
        before.Results.ShouldBeEmpty($"no word matches and nothing is embedded yet; found {TextSearchTests.Describe(before)}");
        before.SemanticModel.ShouldBeNull();

        var embedded = await engines.EmbedAllAsync(user);
        embedded.ShouldBe(3, "the three videos are embedded; a Fit day is not text worth a vector");

        var after = await engines.FindAsync(user, "athletic footwear");
        after.SemanticModel.ShouldBe("minilm-l6-v2");
        after.Results.ShouldNotBeEmpty(TextSearchTests.Describe(after));
        var first = after.Results[0];
        first.Id.ShouldBe("w1", TextSearchTests.Describe(after));
        first.Matched.ShouldBe(["semantic"]);
        after.Results.ShouldNotContain(result => result.Id == "w2", "a tax video is not about footwear: below the similarity threshold");
    }

    [Fact]
    public async Task A_filtered_semantic_search_finds_the_vectors_by_their_records_kind_time_and_place_even_after_a_record_moves()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("semfilter");
        const double berlinLat = 52.52, berlinLng = 13.405;
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.YoutubeWatch, "berlin", "Bought new sneakers for jogging in the park", OccurredAt: June, Lat: berlinLat + 0.01, Lng: berlinLng),
            new(RecordKind.YoutubeWatch, "paris", "Trail running shoes reviewed", OccurredAt: June.AddYears(-2), Lat: 48.8566, Lng: 2.3522),
            new(RecordKind.KeepNote, "note", "Buy sports shoes", "Sneakers for the marathon", OccurredAt: June.AddYears(-1)),
        ]);
        (await engines.EmbedAllAsync(user)).ShouldBe(3);

        (await SemanticIdsAsync(engines, user, SearchEngines.Query("athletic footwear"))).ShouldBe(["berlin", "note", "paris"], ignoreOrder: true);
        var nearBerlin = SearchEngines.Query("athletic footwear") with { Near = new GeoPoint(berlinLat, berlinLng), RadiusMeters = 5_000 };
        (await SemanticIdsAsync(engines, user, nearBerlin)).ShouldBe(["berlin"]);
        var lastYear = SearchEngines.Query("athletic footwear") with { From = June.AddYears(-1).AddDays(-1), To = June.AddYears(-1).AddDays(1) };
        (await SemanticIdsAsync(engines, user, lastYear)).ShouldBe(["note"]);
        (await SemanticIdsAsync(engines, user, SearchEngines.Query("athletic footwear") with { Kinds = ["keep_notes"] })).ShouldBe(["note"]);

        // The record's time and position change (a richer copy arrived): its vector's filters follow.
        await using (var command = engines.DataSource.CreateCommand("""
            UPDATE user_data.records
            SET occurred_at = occurred_at - interval '1 year', position = ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326)::geography
            WHERE user_id = $1 AND identity = 'berlin'
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = user });
            (await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
        }

        (await SemanticIdsAsync(engines, user, nearBerlin)).ShouldBeEmpty("the record moved to Paris");
        (await SemanticIdsAsync(engines, user, lastYear)).ShouldBe(["berlin", "note"], ignoreOrder: true);
    }

    private static async Task<IReadOnlyList<string>> SemanticIdsAsync(SearchEngines engines, string user, SearchQuery query)
    {
        var page = await engines.Search.SearchAsync(user, query with { Methods = ["semantic"] }, TestContext.Current.CancellationToken);
        return [.. page.Results.Select(result => result.Id)];
    }

    [Fact]
    public async Task Embedding_again_changes_nothing_and_two_workers_racing_store_each_vector_once()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("fence");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
            Enumerable.Range(0, 40).Select(i => new TestRecord(RecordKind.KeepNote, $"n{i:00}", $"Note {i}", $"Shopping list number {i}: apples and pears", June)));

        await engines.Embedder.RequestAsync(user, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                if ((await engines.Embedder.EmbedNextBatchAsync(user, CancellationToken.None)).Finished)
                {
                    return;
                }
            }
        })));

        var status = await engines.Embedder.StatusAsync(user, CancellationToken.None);
        status.ShouldBe(status with { Embeddable = 40, Embedded = 40, Running = false, ServingModel = "minilm-l6-v2" });
        status.CoveredAt.ShouldNotBeNull();
        (await engines.EmbedAllAsync(user)).ShouldBe(0, "a second pass finds every vector current");
    }
}
