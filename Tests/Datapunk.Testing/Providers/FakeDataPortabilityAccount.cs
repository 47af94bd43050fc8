namespace Datapunk.Testing.Providers;

/// <summary>
/// A Google account of <see cref="FakeDataPortability"/>: the archives its next archive job exports (zip files a
/// test builds), how many state requests a job stays IN_PROGRESS for, how many jobs fail before one completes,
/// and the access the account granted.
/// </summary>
public sealed class FakeDataPortabilityAccount(string email)
{
    private readonly Lock _lock = new();
    private IReadOnlyList<byte[]> _next = [];
    private int _failures;

    public string Email { get; } = email;

    /// <summary>State requests a job answers IN_PROGRESS before it completes (or fails).</summary>
    public int PollsUntilComplete { get; set; } = 1;

    /// <summary><c>ACCESS_TYPE_TIME_BASED</c> (30 or 180 days: an export a day) or <c>ACCESS_TYPE_ONE_TIME</c>.</summary>
    public string AccessType { get; set; } = "ACCESS_TYPE_TIME_BASED";

    /// <summary>The next archive job's archives.</summary>
    public void Export(params byte[][] archives)
    {
        lock (_lock)
        {
            _next = archives;
        }
    }

    /// <summary>The next <paramref name="jobs"/> jobs (retries included) end FAILED.</summary>
    public void FailJobs(int jobs)
    {
        lock (_lock)
        {
            _failures = jobs;
        }
    }

    internal IReadOnlyList<byte[]> TakeArchives()
    {
        lock (_lock)
        {
            var archives = _next;
            _next = [];
            return archives;
        }
    }

    internal bool TakeFailure()
    {
        lock (_lock)
        {
            return _failures-- > 0;
        }
    }
}
