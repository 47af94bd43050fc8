using Datapunk.Lake.Catalog;
using Datapunk.Lake.Pipeline;
using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

/// <summary>
/// One user's catalog: a thin coordinator over the engine in Lake/Catalog. A request for a refresh is written down
/// (<see cref="CatalogRefreshRequests"/>) and answered at once; a grain timer runs the refresh after
/// <see cref="Debounce"/>, so an import's end, a burst of live batches and a poll make one refresh. The refresh runs
/// interleaved, so the catalog stays readable meanwhile, and writes its snapshot in one transaction. While a request is
/// not done a durable reminder wakes the grain on another silo if this one dies, which runs it again.
/// </summary>
[GrainType("catalog"), CollectionAgeLimit(Minutes = 5)]
public sealed partial class CatalogGrain(
    CatalogRefreshRequests requests, CatalogRefresher refresher, CatalogReader reader, LineageReader lineage, ImportActivity imports,
    ILogger<CatalogGrain> logger)
    : Grain, ICatalogGrain, IRemindable, IPersonalDataGrain
{
    /// <summary>How long a refresh waits for more requests to join it.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(3);

    private const string ResumeReminder = "catalog-refresh";
    private static readonly TimeSpan ResumePeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    private bool _refreshing;

    public string? OwnerUserId => this.GetPrimaryKeyString();

    private string UserId => this.GetPrimaryKeyString();

    public Task<CatalogOverview> GetCatalogAsync() => reader.ListAsync(UserId, CancellationToken.None);

    public Task<CatalogDatasetDetail?> GetDatasetAsync(string dataset) => reader.GetAsync(UserId, dataset, CancellationToken.None);

    public Task<LineageGraph?> GetRecordLineageAsync(string record) => lineage.OfRecordAsync(UserId, record, CancellationToken.None);

    public Task<LineageGraph?> GetFileLineageAsync(long fileId) => lineage.OfFileAsync(UserId, fileId, CancellationToken.None);

    public async Task RequestRefreshAsync(string reason)
    {
        await requests.RequestAsync(UserId, reason, CancellationToken.None);
        await this.RegisterOrUpdateReminder(ResumeReminder, ResumePeriod, ResumePeriod);
        Schedule(Debounce);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder)
        {
            return;
        }

        if (await requests.PendingAsync(UserId, CancellationToken.None))
        {
            Log.Resuming(logger, UserId);
            Schedule(TimeSpan.Zero);
        }
        else if (!_refreshing && await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void Schedule(TimeSpan due)
    {
        // A refresh under way looks for requests that came meanwhile when it ends.
        if (_timer is null && !_refreshing)
        {
            _timer = this.RegisterGrainTimer(RefreshAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // Disposing the timer cancels this callback's token: it goes when the refresh has ended.
        using var timer = _timer;
        _timer = null;
        _refreshing = true;
        try
        {
            // Imports running in this silo go first: what they write would be counted again by the next refresh.
            await imports.YieldToImportsAsync(cancellationToken);
            var took = await refresher.RefreshAsync(UserId, cancellationToken);
            Log.Refreshed(logger, UserId, (long)took.TotalMilliseconds);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The request stays pending: the reminder tries again.
            Log.Failed(logger, exception, UserId);
            return;
        }
        finally
        {
            _refreshing = false;
        }

        if (await requests.PendingAsync(UserId, CancellationToken.None))
        {
            Schedule(Debounce);
        }
        else if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Catalog of {UserId} refreshed in {ElapsedMs} ms")]
        public static partial void Refreshed(ILogger logger, string userId, long elapsedMs);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog refresh of {UserId} failed; it is tried again")]
        public static partial void Failed(ILogger logger, Exception exception, string userId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the catalog refresh of {UserId} asked for before")]
        public static partial void Resuming(ILogger logger, string userId);
    }
}
