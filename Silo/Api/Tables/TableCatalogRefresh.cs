namespace Datapunk.Silo.Api.Tables;

/// <summary>
/// Asks the user's catalog to refresh after a table was stored, replaced or deleted, so its datasets, quality and
/// PII reflect the upload. The table is already committed: a refresh that cannot be asked for now is logged, not
/// the upload's failure (the next import, poll or on-demand refresh catches up).
/// </summary>
internal static partial class TableCatalogRefresh
{
    public static async Task RequestAsync(IGrainFactory grains, string userId, ILogger logger)
    {
        try
        {
            await grains.GetGrain<ICatalogGrain>(userId).RequestRefreshAsync("upload");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RefreshNotRequested(logger, exception, userId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "The catalog of user {UserId} was not asked to refresh after an upload")]
        public static partial void RefreshNotRequested(ILogger logger, Exception exception, string userId);
    }
}
