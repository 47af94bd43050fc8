using System.Security.Cryptography;
using System.Text;
using Datapunk.Cortex.Embeddings;
using Microsoft.Extensions.AI;
using Npgsql;

namespace Datapunk.Benchmarks.SearchScale;

/// <summary>
/// Vectors of the corpus's embeddable records under the local MiniLM model, as the background
/// embedding stores them, except how they are made: MiniLM runs at about 150 texts a second here, so
/// ten million would take most of a day. The first <see cref="RealSample"/> embeddable records get
/// real MiniLM vectors of their text; every other one a deterministic synthetic unit vector, its
/// topic's MiniLM vector (one of <see cref="SearchCorpus.Topics"/> phrases) plus Gaussian noise, so
/// the vectors cluster as real ones do and a query's nearest neighbours are a realistic HNSW search.
/// The model's HNSW index is dropped for the COPY and built again after it.
/// </summary>
internal sealed class SearchCorpusVectors(NpgsqlDataSource owner, SearchCorpus corpus, EmbeddingModels models, string userId)
{
    public const int RealSample = 500;

    private const double Noise = 0.9;

    private float[][]? _topics;

    /// <summary>Stores vectors for the embeddable records among [<paramref name="from"/>, <paramref name="to"/>); returns (vectors, seconds to copy, seconds to index).</summary>
    public async Task<(long Vectors, double Copy, double Index)> LoadAsync(long from, long to, Action<string> progress, CancellationToken cancellationToken)
    {
        var stored = await models.StoredAsync(models.Local, cancellationToken);
        var generator = models.Local.Generator;
        _topics ??= await EmbedAsync(generator, [.. Enumerable.Range(0, SearchCorpus.Topics).Select(Topic)], cancellationToken);
        await OwnerStatements.ExecuteAsync(owner, $"DROP INDEX IF EXISTS vectors.text_embeddings_model_{stored.Id}", cancellationToken);
        await OwnerStatements.ExecuteAsync(owner, "ALTER TABLE vectors.record_embeddings NO FORCE ROW LEVEL SECURITY", cancellationToken);
        await OwnerStatements.ExecuteAsync(owner, "ALTER TABLE vectors.text_embeddings NO FORCE ROW LEVEL SECURITY", cancellationToken);
        var clock = Stopwatch.StartNew();
        long vectors = 0;
        var real = 0;
        var batch = new List<(CorpusRecord Record, string Text)>();
        await using (var recordConnection = await owner.OpenConnectionAsync(cancellationToken))
        await using (var textConnection = await owner.OpenConnectionAsync(cancellationToken))
        {
            await using var copy = new VectorCopy(
                await recordConnection.BeginTextImportAsync("COPY vectors.record_embeddings (user_id, model_id, kind, identity, text_hash, occurred_at) FROM STDIN", cancellationToken),
                await textConnection.BeginTextImportAsync("COPY vectors.text_embeddings (user_id, model_id, kind, text_hash, embedding) FROM STDIN", cancellationToken));
            for (var index = from; index < to; index++)
            {
                var record = corpus.Record(index);
                if (!SearchCorpusLoader.IsEmbeddable(record.Kind))
                {
                    continue;
                }

                var text = (record.Title + "\n" + (record.Body is { } body ? body[..Math.Min(body.Length, 1000)] : "")).Trim();
                if (from == 0 && real < RealSample)
                {
                    batch.Add((record, text));
                    real++;
                    if (batch.Count == 64)
                    {
                        await WriteRealAsync(copy, stored.Id, batch, cancellationToken);
                    }
                }
                else
                {
                    await WriteAsync(copy, stored.Id, [(record, text)], [Synthetic(index, record.Topic)]);
                }

                vectors++;
            }

            await WriteRealAsync(copy, stored.Id, batch, cancellationToken);
        }

        await OwnerStatements.ExecuteAsync(owner, "ALTER TABLE vectors.record_embeddings FORCE ROW LEVEL SECURITY", cancellationToken);
        await OwnerStatements.ExecuteAsync(owner, "ALTER TABLE vectors.text_embeddings FORCE ROW LEVEL SECURITY", cancellationToken);
        await OwnerStatements.ExecuteAsync(owner, $"""
            INSERT INTO vectors.embedding_progress (user_id, model_id, pending, covered_at) VALUES ('{userId}', {stored.Id}, false, now())
            ON CONFLICT (user_id, model_id) DO UPDATE SET pending = false, covered_at = now()
            """, cancellationToken);
        var copySeconds = clock.Elapsed.TotalSeconds;
        progress($"  {vectors:N0} vectors copied ({real:N0} real MiniLM) in {copySeconds:0} s");
        clock.Restart();
        // The index as the model's registration builds it (migration 0025), with the session's memory for the build.
        await OwnerStatements.ExecuteAsync(owner, $"SELECT vectors.register_embedding_model('{stored.Name}', {stored.Dimensions})", cancellationToken);
        await OwnerStatements.ExecuteAsync(owner, "ANALYZE vectors.record_embeddings", cancellationToken);
        await OwnerStatements.ExecuteAsync(owner, "ANALYZE vectors.text_embeddings", cancellationToken);
        return (vectors, copySeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The phrase topic <paramref name="topic"/>'s vector is made from: four frequent words of one language.</summary>
    private string Topic(int topic)
    {
        var random = new Random(topic);
        return corpus.Vocabulary.Words(topic % 3, 4, random);
    }

    private float[] Synthetic(long index, int topic)
    {
        var random = new Random(unchecked((int)index) ^ 0x7ec7);
        var center = _topics![topic];
        var vector = new float[center.Length];
        var scale = Noise / Math.Sqrt(center.Length);
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            // Box-Muller: a standard normal draw per dimension.
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            vector[i] = (float)(center[i] + (scale * gaussian));
            norm += vector[i] * (double)vector[i];
        }

        var length = (float)Math.Sqrt(norm);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= length;
        }

        return vector;
    }

    private static async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, string[] texts, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        return [.. embeddings.Select(embedding => embedding.Vector.ToArray())];
    }

    /// <summary>Embeds the batch's texts with MiniLM, writes them and empties the batch.</summary>
    private async Task WriteRealAsync(VectorCopy copy, short modelId, List<(CorpusRecord Record, string Text)> batch, CancellationToken cancellationToken)
    {
        if (batch.Count > 0)
        {
            await WriteAsync(copy, modelId, batch, await EmbedAsync(models.Local.Generator, [.. batch.Select(one => one.Text)], cancellationToken));
            batch.Clear();
        }
    }

    /// <summary>
    /// Writes each record's row, and its text's vector the first time the text comes (records of one
    /// kind with the same text share one vector, as the background embedding stores them).
    /// </summary>
    private async Task WriteAsync(VectorCopy copy, short modelId, IReadOnlyList<(CorpusRecord Record, string Text)> records, float[][] vectors)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var (record, text) = records[i];
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            await copy.Records.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{userId}\t{modelId}\t{(short)record.Kind}\t{record.Identity}\t\\\\x{hash}\t{record.OccurredAt:yyyy-MM-dd HH:mm:ss}+00"));
            if (copy.Texts.Add(((short)record.Kind, hash)))
            {
                var vector = string.Join(',', vectors[i].Select(value => value.ToString("0.#####", CultureInfo.InvariantCulture)));
                await copy.TextVectors.WriteLineAsync($"{userId}\t{modelId}\t{(short)record.Kind}\t\\\\x{hash}\t[{vector}]");
            }
        }
    }

    /// <summary>The two COPY streams of a load and the texts written so far.</summary>
    private sealed class VectorCopy(TextWriter records, TextWriter textVectors) : IAsyncDisposable
    {
        public TextWriter Records { get; } = records;

        public TextWriter TextVectors { get; } = textVectors;

        public HashSet<(short Kind, string Hash)> Texts { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await Records.DisposeAsync();
            await TextVectors.DisposeAsync();
        }
    }
}
