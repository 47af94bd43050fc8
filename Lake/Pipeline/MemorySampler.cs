namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Samples the silo's resident memory while an import runs and keeps the highest value: the
/// import's peak memory as the report states it (the process-wide high-water mark would also
/// count whatever ran before the import).
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly ImportProgressTracker _progress;
    private readonly Timer _timer;

    public MemorySampler(ImportProgressTracker progress)
    {
        _progress = progress;
        Sample();
        _timer = new Timer(_ => Sample(), null, Interval, Interval);
    }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }

    private void Sample() => _progress.ObserveMemory(Environment.WorkingSet);
}
