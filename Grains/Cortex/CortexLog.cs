using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

internal static partial class CortexLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Local times of {UserId}: {Samples} hourly zone samples, {Spans} spans in {ElapsedMs} ms")]
    public static partial void LocalTimesDone(ILogger logger, string userId, int samples, int spans, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The local-time pass of {UserId} failed; its reminder tries again")]
    public static partial void LocalTimesFailed(ILogger logger, Exception exception, string userId);
}
