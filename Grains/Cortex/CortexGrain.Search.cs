using Datapunk.Cortex.Embeddings;
using Datapunk.Cortex.Search;
using Datapunk.Lake.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Datapunk.Grains;

/// <summary>
/// Search for the grain's own user (docs/cortex.md, "Search"), and the coordination of the embedding
/// work: a pass runs as a grain timer asking the user's <see cref="IEmbeddingWorkerGrain"/> for one
/// batch after another, interleaved with searches. Where the pass stands is kept in the database,
/// and a durable reminder restarts the timer on whichever silo activates the grain after a crash.
/// </summary>
public sealed partial class CortexGrain
{
    private const string EmbeddingReminder = "embed";

    private IGrainTimer? _embedding;

    private string UserId => this.GetPrimaryKeyString();

    private RecordEmbedder Embedder => ServiceProvider.GetRequiredService<RecordEmbedder>();

    public async Task<SearchPage> SearchAsync(SearchQuery query)
    {
        var page = await ServiceProvider.GetRequiredService<HybridSearch>().SearchAsync(UserId, query, CancellationToken.None);

        // Another model than the configured one answers (or none): make sure its pass was asked for, once per activation.
        if (_embedding is null && page.SemanticModel != ServiceProvider.GetRequiredService<EmbeddingModels>().Configured.Name
            && await Embedder.EnsureRequestedAsync(UserId, CancellationToken.None))
        {
            await StartEmbeddingAsync();
        }

        return page;
    }

    public Task<SearchIndexStatus> GetSearchIndexStatusAsync() => Embedder.StatusAsync(UserId, CancellationToken.None);

    public async Task RequestEmbeddingAsync()
    {
        await Embedder.RequestAsync(UserId, CancellationToken.None);
        await StartEmbeddingAsync();
    }

    // The first batch tells whether anything is pending; if not, the loop ends and drops the reminder.
    private void EmbeddingReminderTick() => StartTimer();

    private async Task StartEmbeddingAsync()
    {
        var period = ServiceProvider.GetRequiredService<IOptions<EmbeddingSettings>>().Value.ResumeReminderPeriod;
        await this.RegisterOrUpdateReminder(EmbeddingReminder, period, period);
        StartTimer();
    }

    private void StartTimer()
    {
        var pause = ServiceProvider.GetRequiredService<IOptions<EmbeddingSettings>>().Value.Pause;
        _embedding ??= this.RegisterGrainTimer(
            EmbedNextBatchAsync, new GrainTimerCreationOptions(TimeSpan.Zero, pause) { Interleave = true, KeepAlive = true });
    }

    private async Task EmbedNextBatchAsync(CancellationToken cancellationToken)
    {
        // Imports running in this silo go first (the user's own import defers the pass: see below).
        await ServiceProvider.GetRequiredService<ImportActivity>().YieldToImportsAsync(cancellationToken);
        var result = await GrainFactory.GetGrain<IEmbeddingWorkerGrain>(UserId).EmbedNextBatchAsync();
        if (result.Finished || result.Deferred)
        {
            // Deferred: the user's import runs; it asks again when it ends, and the reminder retries meanwhile.
            _embedding?.Dispose();
            _embedding = null;
        }

        if (result.Finished && await this.GetReminder(EmbeddingReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
