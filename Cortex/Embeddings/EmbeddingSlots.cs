using Microsoft.Extensions.Options;

namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// The background embedding batches one silo runs at once, across all users
/// (<see cref="EmbeddingSettings.Concurrency"/>): the rest of the cores stay with imports and queries.
/// Queries embed their text outside these slots.
/// </summary>
public sealed class EmbeddingSlots(IOptions<EmbeddingSettings> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Concurrency));

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
