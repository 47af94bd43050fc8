namespace Datapunk.Grains;

/// <summary>
/// One live-source connection, keyed <c>user/provider/account</c>: it owns the connection's polling
/// schedule (a persisted reminder, so a poll due on a dead silo runs on a survivor), its tokens and its
/// limits. Reached through the owner's <see cref="IUserConnections"/>.
/// </summary>
[Alias("source-connection")]
public interface ISourceConnectionGrain : IGrainWithStringKey
{
    /// <summary>The connection's state; null when there is no such connection. Answers while a poll runs.</summary>
    [Alias("GetStatusAsync"), Orleans.Concurrency.AlwaysInterleave]
    Task<ConnectionStatus?> GetStatusAsync();

    /// <summary>Starts the schedule of a connection just authorized (its first poll follows within seconds); null when there is no such connection.</summary>
    [Alias("StartAsync")]
    Task<ConnectionStatus?> StartAsync();

    /// <summary>Polls now, within a bounded time, and returns what the poll did; null when there is no such connection.</summary>
    [Alias("SyncNowAsync")]
    Task<ConnectionSync?> SyncNowAsync();

    /// <summary>
    /// Brings the next poll forward: a provider notified a change (docs/sources.md). Returns at once; the poll
    /// follows in the grain's own turn, and notifications that arrive before it begins, or while it runs, ask
    /// for one poll more at most. A connection gone or paused polls nothing.
    /// </summary>
    [Alias("PollSoonAsync"), Orleans.Concurrency.AlwaysInterleave]
    Task PollSoonAsync();

    /// <summary>Stops polling until <see cref="ResumeAsync"/>; null when there is no such connection.</summary>
    [Alias("PauseAsync")]
    Task<ConnectionStatus?> PauseAsync();

    /// <summary>Polls again on schedule, the first poll now; null when there is no such connection.</summary>
    [Alias("ResumeAsync")]
    Task<ConnectionStatus?> ResumeAsync();

    /// <summary>Stops the schedule, forgets the tokens and removes the connection (its records stay); false when there was none.</summary>
    [Alias("DisconnectAsync")]
    Task<bool> DisconnectAsync();
}
