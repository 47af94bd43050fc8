using Datapunk.Grains;
using Datapunk.Users.Privacy;

namespace Datapunk.Users.Tests.Infrastructure;

/// <summary>Keeps the tombstones an erasure leaves, where the host would append them to the audit log.</summary>
internal sealed class RecordedTombstones : IErasureTombstone
{
    public List<ErasureReport> Written { get; } = [];

    public Task WriteAsync(ErasureReport report, CancellationToken cancellationToken)
    {
        lock (Written)
        {
            Written.Add(report);
        }

        return Task.CompletedTask;
    }
}
