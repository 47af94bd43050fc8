using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Datapunk.Cortex.Places;

/// <summary>
/// Loads the gazetteer when the silo starts, in the background (the silo serves meanwhile; until it
/// is loaded, positions get no names and times the user's own zone). Without the file, says how to get it.
/// </summary>
public sealed partial class GazetteerLoaderService(GazetteerLoader loader, PlacesOptions options, ILogger<GazetteerLoaderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (GazetteerFile.Locate(options) is not { } file || !File.Exists(file))
        {
            Log.Missing(logger, GazetteerFile.Locate(options) ?? ".datapunk/geo/gazetteer.tsv");
            return;
        }

        try
        {
            var load = await loader.LoadAsync(file, stoppingToken);
            if (load.Loaded)
            {
                Log.Loaded(logger, load.Places, file, (long)load.Elapsed.TotalMilliseconds);
            }
            else
            {
                Log.Unchanged(logger, load.Places, file);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.Failed(logger, exception, file);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning,
            Message = "No gazetteer at {File}: positions get no place names and times the user's own zone; the set-up writes it (scripts/lib/install.sh, dp_install_gazetteer)")]
        public static partial void Missing(ILogger logger, string file);

        [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Places} gazetteer places from {File} in {ElapsedMs} ms")]
        public static partial void Loaded(ILogger logger, int places, string file, long elapsedMs);

        [LoggerMessage(Level = LogLevel.Information, Message = "The gazetteer holds {Places} places from {File} already")]
        public static partial void Unchanged(ILogger logger, int places, string file);

        [LoggerMessage(Level = LogLevel.Error, Message = "Loading the gazetteer from {File} failed")]
        public static partial void Failed(ILogger logger, Exception exception, string file);
    }
}
