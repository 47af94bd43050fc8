using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

/// <summary>The import job grain's log messages, source-generated.</summary>
internal static partial class ImportJobLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} resumes on silo {SiloId}")]
    public static partial void Resuming(ILogger logger, Guid importId, string siloId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} finished: {Status} after {Seconds:0.0} s")]
    public static partial void Finished(ILogger logger, Guid importId, string status, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId}: a run ended as {End} {Message}")]
    public static partial void RunEnded(ILogger logger, Guid importId, string end, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId}: run failed unexpectedly (crash {Crashes})")]
    public static partial void RunCrashed(ILogger logger, Exception? exception, Guid importId, int crashes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} ended but its uploads could not be removed from the spool")]
    public static partial void UploadsNotReleased(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} ended but Cortex could not be told to work out the user's local times again")]
    public static partial void CortexNotTold(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} could not ask for a refresh of the user's catalog")]
    public static partial void CatalogNotRefreshed(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} ended but the user's models could not be asked to train")]
    public static partial void ModelsNotRetrained(ILogger logger, Exception exception, Guid importId);
    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} ended but the embedding of its records could not be requested; the next import or search asks again")]
    public static partial void EmbeddingNotRequested(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Import {ImportId}: progress not pushed through Redis; followers poll")]
    public static partial void ProgressNotPublished(ILogger logger, Exception exception, Guid importId);
}
