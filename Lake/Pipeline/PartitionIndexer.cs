using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Builds the indexes of the partition leaves a run created as soon as the run has moved past
/// their month, one at a time in the background, so indexing overlaps parsing and merging instead of
/// following them. Exports are mostly in time order; a row that lands in a month already indexed
/// later is simply indexed as it is inserted.
/// </summary>
internal sealed class PartitionIndexer(LocationPartitions partitions, CancellationToken cancellationToken)
{
    private readonly Lock _lock = new();
    private readonly List<CreatedLeaf> _waiting = [];
    private Task _building = Task.CompletedTask;

    /// <summary>Leaves this run created, to be indexed once the run is past their month.</summary>
    public void Created(IEnumerable<CreatedLeaf> leaves)
    {
        lock (_lock)
        {
            _waiting.AddRange(leaves);
        }
    }

    /// <summary>Nothing older than <paramref name="watermark"/> is still to be merged: index the waiting leaves of months before it.</summary>
    public void Advance(DateTime watermark)
    {
        var before = PartitionMonth.Of(watermark);
        lock (_lock)
        {
            var ready = _waiting.Where(leaf => leaf.Month < before).OrderBy(leaf => leaf.Month).ToList();
            if (ready.Count == 0)
            {
                return;
            }

            _waiting.RemoveAll(leaf => leaf.Month < before);
            _building = _building.ContinueWith(
                async _ =>
                {
                    foreach (var leaf in ready)
                    {
                        await partitions.IndexAsync(leaf.Name, cancellationToken);
                    }
                },
                cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Waits for the builds started so far (the run indexes what is left itself).</summary>
    public Task CompleteAsync()
    {
        lock (_lock)
        {
            return _building;
        }
    }
}
