using Datapunk.Cortex.Embeddings;

namespace Datapunk.Cortex.Tests.Embeddings;

/// <summary>How a batch of embedding work is cut from a scan: by the texts new to the model, each embedded once.</summary>
public sealed class EmbeddingBatchTests
{
    private static readonly HashSet<(short Kind, string Hash)> NoneKnown = [];

    [Fact]
    public void A_text_repeated_in_the_scan_is_embedded_once_and_every_record_of_it_is_given_its_vector()
    {
        var scanned = new[] { Row(1, "a", "song"), Row(1, "b", "song"), Row(1, "c", "other"), Row(1, "d", "song") };

        var batch = EmbeddingBatch.Take(scanned, NoneKnown, batchSize: 16);

        batch.NewTexts.Select(text => text.Text).ShouldBe(["song", "other"]);
        batch.Records.Select(row => row.Identity).ShouldBe(["a", "b", "c", "d"]);
        batch.Visited.ShouldBe(4);
        batch.Full.ShouldBeFalse();
    }

    [Fact]
    public void The_batch_stops_before_the_record_whose_text_would_exceed_the_batch_and_takes_the_records_of_texts_it_has()
    {
        var scanned = new[] { Row(1, "a", "one"), Row(1, "b", "two"), Row(1, "c", "one"), Row(1, "d", "three"), Row(1, "e", "two") };

        var batch = EmbeddingBatch.Take(scanned, NoneKnown, batchSize: 2);

        batch.NewTexts.Select(text => text.Text).ShouldBe(["one", "two"]);
        batch.Records.Select(row => row.Identity).ShouldBe(["a", "b", "c"]);
        batch.Visited.ShouldBe(3, "the pass's cursor stops after c; d starts the next batch");
        batch.Full.ShouldBeTrue();
    }

    [Fact]
    public void A_text_the_model_has_embedded_for_another_record_costs_no_embedding_and_the_same_text_of_another_kind_does()
    {
        var known = new HashSet<(short Kind, string Hash)> { (1, Hex("song")) };
        var scanned = new[] { Row(1, "a", "song"), Row(2, "b", "song"), Row(1, "c", null) };

        var batch = EmbeddingBatch.Take(scanned, known, batchSize: 1);

        batch.NewTexts.ShouldHaveSingleItem().Kind.ShouldBe((short)2);
        batch.Records.Select(row => row.Identity).ShouldBe(["a", "b"], "c's vector is current: the scan gave it no text");
        batch.Visited.ShouldBe(3);
        batch.Full.ShouldBeFalse();
    }

    private static EmbeddingBatch.Scanned Row(short kind, string identity, string? text) =>
        new(kind, identity, text, text is null ? null : System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string Hex(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
