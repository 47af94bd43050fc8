using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

/// <summary>The user grain's log lines about deleting imports.</summary>
internal static partial class ImportDeletionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: after a deletion the {What} could not be asked to follow; it follows the next import")]
    public static partial void NotFollowed(ILogger logger, Exception exception, string userId, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId}: after a deletion the {What} is busy; the request waits its turn and the deletion answers now")]
    public static partial void FollowUpQueued(ILogger logger, string userId, string what);
}
