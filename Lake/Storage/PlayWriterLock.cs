using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Keeps two writes of one user's Spotify plays from pairing polled and exported plays side by side
/// (<see cref="PlayPairing"/>): each reads the plays stored to pair its own with, and a play a
/// concurrent transaction is storing is invisible to it, so a play polled while an export's chunk
/// with the same play merges would be stored twice. Taken exclusively, and only by a chunk merge that
/// holds exported plays (<see cref="ExportedPlayMerge"/>) or a polled page that holds plays
/// (<see cref="PolledPlayMatching"/>): other kinds never wait for it.
/// </summary>
internal static class PlayWriterLock
{
    // The two-key form's first key: the class of Datapunk's per-user play-writer locks (FixWriterLock's is 0x0DA7_0004).
    private const int LockClass = 0x0DA7_0005;

    public static Task ExclusiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CancellationToken cancellationToken) =>
        UserAdvisoryLock.ExclusiveAsync(connection, transaction, LockClass, userId, cancellationToken);
}
