using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;

namespace Datapunk.Grains;

/// <summary>
/// A connection's archives imported as the user's uploads are (<see cref="IUserImports.StartImportOfDownloadsAsync"/>):
/// the same pipeline, the same de-duplication, and the user's one-import-at-a-time rule.
/// </summary>
internal sealed class ConnectionArchiveImports(IGrainFactory grains) : IArchiveImports
{
    public async Task StartAsync(ConnectionKey key, ArchiveImport import, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IUserImports>(key.UserId).StartImportOfDownloadsAsync(import.ImportId, import.Uploads);
        }
        catch (ImportAlreadyRunningException running)
        {
            throw new ArchiveImportDeferredException($"{import.Description} is downloaded and waits for the user's running import: {running.Message}", running);
        }
        catch (Exception gone) when (gone is UploadNotFoundException or ImportInputRefusedException)
        {
            // An upload expired or was removed before the handover: the next poll finds it missing and downloads it again.
            throw new ArchiveImportDeferredException($"{import.Description} lost an upload before its import; it is downloaded again: {gone.Message}", gone);
        }
    }
}
