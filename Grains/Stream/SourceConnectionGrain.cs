using Datapunk.Lake.Storage;
using Datapunk.Streams;
using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Datapunk.Streams.Polling;
using Datapunk.Streams.Webhooks;
using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

/// <summary>
/// One connection's schedule. The connection's row (<see cref="ConnectionsTable"/>) is the truth, so the
/// grain keeps no state of its own: a persisted reminder wakes it (on any silo) every
/// <see cref="Tick"/> at most, and it polls when the row says a poll is due. A poll runs inside the
/// grain's turn but within <see cref="ConnectionPoller.Budget"/>, so one slow provider holds one
/// connection, never the silo; <see cref="GetStatusAsync"/> interleaves with it. A provider's change
/// notification (<see cref="PollSoonAsync"/>) brings the next poll forward, once however many arrive together.
/// </summary>
[GrainType("source-connection"), CollectionAgeLimit(Minutes = 5)]
public sealed partial class SourceConnectionGrain(
    ConnectionPoller poller, ConnectionsTable connections, ConnectionTokenStore tokens, StreamProviders providers, ConnectionWebhooks webhooks,
    TimeProvider time, ILogger<SourceConnectionGrain> logger)
    : Grain, ISourceConnectionGrain, IRemindable, IPersonalDataGrain
{
    private const string PollReminder = "poll";

    /// <summary>The reminder's period: the finest a schedule (or a retry after a failure) is kept to.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    /// <summary>A poll runs in this activation now (scheduled, asked for, or brought forward).</summary>
    private bool _polling;

    /// <summary>A notification asked for a poll that has not begun yet: more notifications ask for nothing more.</summary>
    private bool _pollSoon;

    private IGrainTimer? _soonTimer;

    private DateTimeOffset _lastPollBegan = DateTimeOffset.MinValue;

    /// <summary>
    /// The least time between the start of a poll and one a notification brings forward: providers send notifications
    /// in bursts (one per changed item), and those of one burst are answered by one poll, and one more at most.
    /// </summary>
    public static readonly TimeSpan NotifiedPollGap = TimeSpan.FromSeconds(3);

    private ConnectionKey Key => ConnectionKey.ParseGrainKey(this.GetPrimaryKeyString());

    public string? OwnerUserId => Key.UserId;

    public async Task<ConnectionStatus?> GetStatusAsync() =>
        await connections.FindAsync(Key, CancellationToken.None) is { } row ? ConnectionStatuses.Of(row) : null;

    public async Task<ConnectionStatus?> StartAsync()
    {
        if (await connections.FindAsync(Key, CancellationToken.None) is not { } row)
        {
            return null;
        }

        await this.RegisterOrUpdateReminder(PollReminder, TimeSpan.FromSeconds(2), PeriodOf(row.Key.Provider));
        return ConnectionStatuses.Of(row);
    }

    public async Task<ConnectionSync?> SyncNowAsync()
    {
        try
        {
            var result = await PollOnceAsync();
            await DeriveFromAsync(result.ChangedRecords);
            return new ConnectionSync(result.Succeeded, result.Pages, result.NewRecords, result.Requests, result.Error, result.NextPoll, await GetStatusAsync());
        }
        catch (Exception exception) when (exception is ConnectionGoneException or AccountGoneException)
        {
            return null;
        }
    }

    public Task PollSoonAsync()
    {
        // Interleaves with a running poll: it only marks that one more poll is wanted, and that poll starts once the running one ends.
        if (!_pollSoon)
        {
            _pollSoon = true;
            if (!_polling)
            {
                StartSoonPoll();
            }
        }

        return Task.CompletedTask;
    }

    public async Task<ConnectionStatus?> PauseAsync() =>
        await connections.SetPausedAsync(Key, true, CancellationToken.None) ? await GetStatusAsync() : null;

    public async Task<ConnectionStatus?> ResumeAsync()
    {
        if (!await connections.SetPausedAsync(Key, false, CancellationToken.None))
        {
            return null;
        }

        // A connection paused before its reminder was registered (or whose reminder was lost) gets one now.
        return await StartAsync();
    }

    public async Task<bool> DisconnectAsync()
    {
        await StopScheduleAsync();
        await webhooks.UnsubscribeAsync(Key, CancellationToken.None);
        // Spotify offers no token revocation endpoint: forgetting the tokens is what disconnecting can do (docs/sources.md).
        await tokens.DeleteAsync(Key, CancellationToken.None);
        var removed = await connections.DeleteAsync(Key, CancellationToken.None);
        DeactivateOnIdle();
        return removed;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PollReminder)
        {
            return;
        }

        var row = await connections.FindAsync(Key, CancellationToken.None);
        if (row is null)
        {
            // Removed while this silo was away: the schedule goes with it.
            await StopScheduleAsync();
            return;
        }

        if (row.Paused || row.NextPoll is { } next && next > time.GetUtcNow() + DueSlack(row.Key.Provider))
        {
            return;
        }

        await PollInTurnAsync();
    }

    /// <summary>A poll no caller waits for (the reminder's, or one a notification brought forward): its failures are logged.</summary>
    private async Task PollInTurnAsync()
    {
        try
        {
            await DeriveFromAsync((await PollOnceAsync()).ChangedRecords);
        }
        catch (Exception exception) when (exception is ConnectionGoneException or AccountGoneException)
        {
            // Removed, or its user erased, during the poll: nothing of the page was kept, and the schedule goes.
            await StopScheduleAsync();
        }
        catch (Exception exception)
        {
            // The reminder ticks again: a poll that failed outside the provider's protocol is retried then.
            Log.PollFailed(logger, exception, Key.UserId, Key.Id);
        }
    }

    /// <summary>One poll; notifications that arrive meanwhile are answered by one more poll right after it.</summary>
    private async Task<PollResult> PollOnceAsync()
    {
        _polling = true;
        _lastPollBegan = time.GetUtcNow();
        try
        {
            return await poller.PollAsync(Key, new ConnectionArchiveImports(GrainFactory), CancellationToken.None);
        }
        finally
        {
            _polling = false;
            if (_pollSoon && _soonTimer is null)
            {
                StartSoonPoll();
            }
        }
    }

    /// <summary>
    /// A timer, not a call to itself: the poll runs in a turn of its own, after whatever the grain is doing, and the
    /// notification's caller does not wait for it. It is due <see cref="NotifiedPollGap"/> after the last poll began, or now.
    /// </summary>
    private void StartSoonPoll()
    {
        var wait = _lastPollBegan + NotifiedPollGap - time.GetUtcNow();
        _soonTimer = this.RegisterGrainTimer(PollSoonNowAsync, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task PollSoonNowAsync(CancellationToken cancellationToken)
    {
        _soonTimer?.Dispose();
        _soonTimer = null;
        _pollSoon = false;
        await PollInTurnAsync();
    }

    /// <summary>
    /// A poll that stored or changed records asks for what an import's end asks for: the user's catalog refresh
    /// (debounced there) and an embedding pass, without which semantic search and answers would not see
    /// polled records until the user's next import. One that stored none asks for nothing. The records
    /// are stored whatever happens here, so a request that fails is logged, not the poll failed: the
    /// next import or poll asks again.
    /// </summary>
    private async Task DeriveFromAsync(int changedRecords)
    {
        if (changedRecords == 0)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ICatalogGrain>(Key.UserId).RequestRefreshAsync("poll");
            await GrainFactory.GetGrain<ICortexGrain>(Key.UserId).RequestEmbeddingAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.DerivationsNotRequested(logger, exception, Key.UserId, Key.Id);
        }
    }

    private TimeSpan PeriodOf(string provider) =>
        providers.Find(provider) is { PollInterval: var interval } && interval < Tick ? interval : Tick;

    /// <summary>
    /// How early a tick may come and still poll: a reminder meant for a poll due one interval after the last
    /// one began can fire a little before that instant, and skipping it would delay the poll a whole period.
    /// </summary>
    private TimeSpan DueSlack(string provider) => PeriodOf(provider) / 4 is var quarter && quarter < MaxDueSlack ? quarter : MaxDueSlack;

    private static readonly TimeSpan MaxDueSlack = TimeSpan.FromSeconds(5);

    private async Task StopScheduleAsync()
    {
        if (await this.GetReminder(PollReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled poll of {UserId}'s {Connection} failed")]
        public static partial void PollFailed(ILogger logger, Exception exception, string userId, string connection);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The poll of {UserId}'s {Connection} stored records but could not ask for the catalog's refresh and their embedding")]
        public static partial void DerivationsNotRequested(ILogger logger, Exception exception, string userId, string connection);
    }
}
