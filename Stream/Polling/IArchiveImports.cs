using Datapunk.Streams.Connections;

namespace Datapunk.Streams.Polling;

/// <summary>
/// Starts the import of archives a poll downloaded, through the same pipeline an uploaded export goes
/// through (the Lake's import job). The connection's grain gives one to its poll; the engine knows no grains.
/// </summary>
public interface IArchiveImports
{
    /// <summary>
    /// Starts <paramref name="import"/> for <paramref name="key"/>'s user, or does nothing when an import of its id
    /// was started before. Fails with <see cref="ArchiveImportDeferredException"/> while another import of the user runs.
    /// </summary>
    Task StartAsync(ConnectionKey key, ArchiveImport import, CancellationToken cancellationToken);
}
