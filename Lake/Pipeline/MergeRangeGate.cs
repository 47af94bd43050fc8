namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Keeps a run's merges whose time ranges overlap (<see cref="Model.StagedChunk.MatchedRange"/>: their
/// fixes, and their visits' and segments' spans) from running at once. A merge pairs its fixes with
/// those already stored (<see cref="Storage.LocationMerge"/>), and tells visits and segments of one
/// span at two places apart (<see cref="Storage.SameSpanElsewhere"/>); a row being stored by a
/// concurrent transaction is invisible to it, and the unique indexes only catch copies that are
/// exactly equal, not a coarser copy of the same fix. Chunks of one file in time order do not
/// overlap, so the two merge workers still run side by side; the last chunk of Records.json and the
/// first of a Timeline export of the same months take turns.
/// </summary>
internal sealed class MergeRangeGate
{
    private readonly Lock _lock = new();
    private readonly List<HeldRange> _held = [];

    /// <summary>Waits until no held range overlaps [<paramref name="from"/>, <paramref name="until"/>), then holds it until the result is disposed.</summary>
    public async Task<IDisposable> EnterAsync(DateTime from, DateTime until, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task released;
            lock (_lock)
            {
                var overlapping = _held.Find(held => held.From < until && from < held.Until);
                if (overlapping is null)
                {
                    var range = new HeldRange(from, until, this);
                    _held.Add(range);
                    return range;
                }

                released = overlapping.Released.Task;
            }

            await released.WaitAsync(cancellationToken);
        }
    }

    private void Release(HeldRange range)
    {
        lock (_lock)
        {
            _held.Remove(range);
        }

        range.Released.TrySetResult();
    }

    private sealed class HeldRange(DateTime from, DateTime until, MergeRangeGate gate) : IDisposable
    {
        public DateTime From => from;

        public DateTime Until => until;

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => gate.Release(this);
    }
}
