using Datapunk.Grains;

namespace Datapunk.Users.Privacy;

/// <summary>
/// Where an erasure leaves its tombstone: the audit log keeps a record that the account was erased,
/// when, and what was removed, while everything else of the user goes. The host binds it to the
/// audit log; <see cref="AccountEraser"/> calls it once the data is gone.
/// </summary>
public interface IErasureTombstone
{
    /// <summary>Records that <paramref name="report"/>'s user was erased. Called again when an interrupted erasure is finished.</summary>
    Task WriteAsync(ErasureReport report, CancellationToken cancellationToken);
}
