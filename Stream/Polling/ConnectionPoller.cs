using Datapunk.Streams.Connections;
using Datapunk.Streams.Limits;
using Datapunk.Streams.OAuth;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Datapunk.Streams.Polling;

/// <summary>
/// One poll of one connection: reads what is new after its cursor, page by page, storing each page with
/// its cursor (<see cref="PolledPageStore"/>). A failure stores why and when to try again (the provider's
/// Retry-After, or a backoff that doubles with each failure, never past the schedule) and keeps the
/// cursor where the last stored page left it.
/// </summary>
public sealed partial class ConnectionPoller(
    StreamProviders providers, ConnectionsTable connections, ConnectionTokenStore tokens, ProviderClients clients, PolledPageStore pages,
    NewRecordsChannel channel, TimeProvider time, ILogger<ConnectionPoller> logger)
{
    /// <summary>
    /// The longest a poll runs: within a grain call's default response timeout (30 s), so a slow
    /// provider fails its poll instead of holding the connection's grain.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(25);

    public Task<PollResult> PollAsync(ConnectionKey key, CancellationToken cancellationToken) => PollAsync(key, null, cancellationToken);

    /// <summary>
    /// One poll, handing the archives a provider downloaded (<see cref="PolledPage.Import"/>) to <paramref name="archives"/>;
    /// without one, a provider that downloads archives fails its poll.
    /// </summary>
    public async Task<PollResult> PollAsync(ConnectionKey key, IArchiveImports? archives, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        return await PollWithinAsync(key, archives, budget.Token, cancellationToken);
    }

    private async Task<PollResult> PollWithinAsync(ConnectionKey key, IArchiveImports? archives, CancellationToken cancellationToken, CancellationToken caller)
    {
        var row = await connections.FindAsync(key, cancellationToken)
            ?? throw new ConnectionGoneException($"'{key.UserId}' has no connection {key.Id}.");
        if (row.Paused)
        {
            return new PollResult(false, 0, 0, 0, "The connection is paused.", null);
        }

        var setup = providers.Find(key.Provider);
        var stored = await tokens.FindAsync(key, cancellationToken);
        if (setup is null || stored is null)
        {
            var why = setup is null ? $"'{key.Provider}' is not configured on this installation." : "The connection has no tokens: authorize it again.";
            await connections.RecordFailureAsync(key, ConnectionStates.Reauthorize, why, time.GetUtcNow() + TimeSpan.FromHours(1), cancellationToken);
            return new PollResult(false, 0, 0, 0, why, null);
        }

        // The next poll is due one interval after this one began, not after it ended: a schedule counted from
        // each poll's end would slip by the poll's length every time and miss the reminder's tick that was meant for it.
        var started = time.GetUtcNow();
        await connections.MarkSyncingAsync(key, cancellationToken);
        var client = clients.Create(setup, key, stored, (refreshed, cancel) => tokens.SaveAsync(key, refreshed, cancel));
        var (pageCount, inserted, updated, continues) = (0, 0, 0, false);
        try
        {
            await foreach (var page in setup.Provider.PollAsync(client, row.Cursor, cancellationToken))
            {
                continues |= page.Continues;
                if (page.CursorOnly)
                {
                    await KeepAsync(key, page, archives, cancellationToken);
                    continue;
                }

                var kept = await pages.StoreAsync(key, row.ImportId, page, cancellationToken);
                inserted += kept.Inserted;
                updated += kept.Updated;
                pageCount++;
                if (kept.Inserted > 0)
                {
                    await AnnounceAsync(key, page, kept);
                }
            }

            var next = continues ? time.GetUtcNow() : started + setup.PollInterval;
            await pages.CompleteAsync(key, next, cancellationToken);

            Log.Polled(logger, key.UserId, key.Id, pageCount, inserted, client.Requests);
            return new PollResult(true, pageCount, inserted, client.Requests, null, next, updated);
        }
        catch (Exception exception) when (Failure(exception, setup, row.Failures, caller) is { } failure)
        {
            var next = time.GetUtcNow() + failure.RetryIn;
            Log.Failed(logger, key.UserId, key.Id, failure.Status, exception.Message);
            await connections.RecordFailureAsync(key, failure.Status, exception.Message, next, CancellationToken.None);

            return new PollResult(false, pageCount, inserted, client.Requests, exception.Message, next, updated);
        }
    }

    /// <summary>Keeps a page's cursor, once the archives it hands over (if any) are being imported: a crash in between hands them over again, and their import starts once.</summary>
    private async Task KeepAsync(ConnectionKey key, PolledPage page, IArchiveImports? archives, CancellationToken cancellationToken)
    {
        if (page.Import is { } import)
        {
            if (archives is null)
            {
                throw new InvalidOperationException($"The poll of {key.Id} downloaded archives but was given nothing to import them with.");
            }

            await archives.StartAsync(key, import, cancellationToken);
        }

        if (page.Cursor is { } cursor)
        {
            await pages.KeepCursorAsync(key, cursor, cancellationToken);
        }
    }

    /// <summary>Announces a stored page; the records are stored whether or not Redis hears of them.</summary>
    private async Task AnnounceAsync(ConnectionKey key, PolledPage page, StoredPage stored)
    {
        try
        {
            await channel.PublishAsync(key.UserId, page, stored);
        }
        catch (StackExchange.Redis.RedisException exception)
        {
            Log.NotAnnounced(logger, key.UserId, key.Id, exception.Message);
        }
    }

    /// <summary>The status a failure leaves and when to try again; null for failures that are not the provider's (they propagate).</summary>
    private static (string Status, TimeSpan RetryIn)? Failure(Exception exception, ProviderSetup setup, int failuresBefore, CancellationToken caller)
    {
        var backoff = Backoff(setup.PollInterval, failuresBefore);
        return exception switch
        {
            TokenRefusedException or AccessNotGrantedException => (ConnectionStates.Reauthorize, setup.PollInterval),
            ProviderUnavailableException { RetryAfter: { } retryAfter } => (ConnectionStates.Failing, retryAfter > backoff ? retryAfter : backoff),
            QuotaExhaustedException quota => (ConnectionStates.Failing, quota.RetryAfter > backoff ? quota.RetryAfter : backoff),
            ProviderUnavailableException or ProviderResponseException or ArchiveImportDeferredException or BrokenCircuitException or TimeoutRejectedException or HttpRequestException
                => (ConnectionStates.Failing, backoff),
            // The budget ran out (the caller did not cancel): the provider was too slow this time.
            OperationCanceledException when !caller.IsCancellationRequested => (ConnectionStates.Failing, backoff),
            _ => null,
        };
    }

    /// <summary>30 s doubled per failure before, with ±20 % jitter, never past the schedule.</summary>
    internal static TimeSpan Backoff(TimeSpan schedule, int failuresBefore)
    {
        var doubled = TimeSpan.FromSeconds(30 * Math.Pow(2, Math.Min(failuresBefore, 16)));
        var capped = doubled < schedule ? doubled : schedule;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Polled {UserId}'s {Connection}: {Pages} pages, {NewRecords} new records, {Requests} requests")]
        public static partial void Polled(ILogger logger, string userId, string connection, int pages, int newRecords, int requests);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Poll of {UserId}'s {Connection} failed ({Status}): {Error}")]
        public static partial void Failed(ILogger logger, string userId, string connection, string status, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "New records of {UserId}'s {Connection} were stored but not announced on Redis: {Reason}")]
        public static partial void NotAnnounced(ILogger logger, string userId, string connection, string reason);
    }
}
