using Datapunk.Lake;

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
