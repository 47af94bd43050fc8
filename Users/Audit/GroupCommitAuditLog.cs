using System.Threading.Channels;

namespace Datapunk.Users.Audit;

/// <summary>
/// The audit log as a silo uses it: single appends made at the same time share one transaction.
/// Every append holds the chain head from its insert to its commit, so one transaction per append
/// is bounded by the commit time (about 60-80 appends/s for the whole cluster, measured by
/// <c>AuditLogTests</c>); grouped, a commit carries every entry that arrived while the previous one
/// ran. An append still returns only when its entry is committed, and fails if its group does.
/// </summary>
public sealed class GroupCommitAuditLog : IAuditLog, IAsyncDisposable
{
    public const int MaxGroup = 500;

    private readonly PostgresAuditLog _log;
    private readonly Channel<(AuditEntry Entry, TaskCompletionSource Committed)> _pending =
        Channel.CreateUnbounded<(AuditEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public GroupCommitAuditLog(PostgresAuditLog log)
    {
        _log = log;
        _writer = Task.Run(WriteGroupsAsync);
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        // A bad entry fails its own caller, never the group it would have joined.
        entry.Validate();
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite((entry, committed)))
        {
            throw new ObjectDisposedException(nameof(GroupCommitAuditLog), "The audit log is shut down; the entry was not appended.");
        }

        return committed.Task.WaitAsync(cancellationToken);
    }

    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) => _log.AppendAsync(entries, cancellationToken);

    public Task<IReadOnlyList<AuditLogEntry>> ReadTrailAsync(string userId, long? before, int limit, CancellationToken cancellationToken) =>
        _log.ReadTrailAsync(userId, before, limit, cancellationToken);

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) => _log.VerifyAsync(cancellationToken);

    public Task<long> RedactSubjectAsync(string userId, CancellationToken cancellationToken) => _log.RedactSubjectAsync(userId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<(AuditEntry Entry, TaskCompletionSource Committed)>(MaxGroup);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _pending.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            try
            {
                await _log.AppendAsync(group.Select(p => p.Entry).ToList(), CancellationToken.None);
                group.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception exception)
            {
                group.ForEach(p => p.Committed.TrySetException(exception));
            }

            group.Clear();
        }
    }
}
