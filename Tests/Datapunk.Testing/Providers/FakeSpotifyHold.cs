namespace Datapunk.Testing.Providers;

/// <summary>
/// <see cref="FakeSpotify"/> holding the answer to the first API request whose path contains
/// <see cref="PathPart"/> until <see cref="Release"/>: <see cref="Arrived"/> completes when that request came.
/// </summary>
public sealed class FakeSpotifyHold(string pathPart)
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string PathPart { get; } = pathPart;

    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Holds <paramref name="path"/> when it is the request awaited and none was held yet; false when it is not.</summary>
    internal bool TryHold(string path, out Task released)
    {
        released = _released.Task;
        return path.Contains(PathPart, StringComparison.Ordinal) && _arrived.TrySetResult();
    }
}
