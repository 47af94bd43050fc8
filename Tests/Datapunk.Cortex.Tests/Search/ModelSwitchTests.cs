using Datapunk.Cortex.Embeddings;
using Datapunk.Lake;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>
/// An OpenAI-compatible embeddings endpoint by configuration (a local protocol server), and a switch
/// of models with no outage: the old model's vectors answer until the new model covers the user.
/// </summary>
public sealed class ModelSwitchTests
{
    private static readonly DateTimeOffset July = new(2023, 7, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_local_models_vectors_answer_until_the_endpoint_model_covers_the_user_then_make_way()
    {
        var local = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("switch");
        await SearchCorpus.InsertAsync(local.DataSource, user,
        [
            new(RecordKind.KeepNote, "lamp", "Lighthouse keeper diary", "Storm tonight, the waves reach the lamp room.", July),
            new(RecordKind.KeepNote, "cake", "Chocolate cake", "Flour, cocoa, sugar, no eggs.", July),
        ]);
        await local.EmbedAllAsync(user);

        await using var server = new OpenAiEmbeddingsServer();
        var endpoint = await SearchEngines.WithAsync(new EmbeddingSettings
        {
            Provider = EmbeddingSettings.OpenAiProvider, Endpoint = server.Endpoint, Model = "test-embed", Dimensions = OpenAiEmbeddingsServer.Dimensions,
        });

        var during = await endpoint.FindAsync(user, "a stormy night at sea");
        during.SemanticModel.ShouldBe("minilm-l6-v2", "the new model covers nobody yet: the old one keeps answering");
        during.Results.Select(result => result.Id).ShouldContain("lamp", TextSearchTests.Describe(during));

        (await endpoint.EmbedAllAsync(user)).ShouldBe(2);
        server.Requests.ShouldNotBeEmpty();
        server.Requests.ShouldAllBe(request => request["model"]!.GetValue<string>() == "test-embed");

        var after = await endpoint.FindAsync(user, "storm lamp");
        after.SemanticModel.ShouldBe("openai:test-embed");
        after.Results.ShouldNotBeEmpty();
        var lamp = after.Results[0];
        lamp.Id.ShouldBe("lamp", TextSearchTests.Describe(after));
        lamp.Matched.ShouldContain("semantic");

        var status = await endpoint.Embedder.StatusAsync(user, CancellationToken.None);
        status.ShouldBe(status with { Model = "openai:test-embed", ServingModel = "openai:test-embed", Embeddable = 2, Embedded = 2 });
        var old = await local.Embedder.StatusAsync(user, CancellationToken.None);
        old.Embedded.ShouldBe(0, "the local model's vectors of the user went once the new model covered the user");
    }
}
