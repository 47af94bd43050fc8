using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Microsoft.Extensions.Logging;

namespace Datapunk.Streams.Webhooks;

/// <summary>
/// What the gateway's webhook endpoints and a connection's grain ask of a connection's push subscriptions:
/// whether a notification is authentic (its secret matches the hash the connection's cursor keeps), and
/// ending the subscriptions when the connection is removed.
/// </summary>
public sealed partial class ConnectionWebhooks(
    StreamProviders providers, ConnectionsTable connections, ConnectionTokenStore tokens, ProviderClients clients, ILogger<ConnectionWebhooks> logger)
{
    /// <summary>Whether <paramref name="key"/> exists, its provider pushes, and <paramref name="secret"/> is its subscription's.</summary>
    public async Task<bool> IsAuthenticAsync(ConnectionKey key, string subscription, string secret, CancellationToken cancellationToken) =>
        providers.Find(key.Provider)?.Provider is IPushingProvider pushing
        && await connections.FindAsync(key, cancellationToken) is { } row
        && pushing.IsAuthentic(row.Cursor, subscription, secret);

    /// <summary>
    /// Ends the connection's subscriptions at the provider, while its tokens are still there. A failure is logged,
    /// not raised: the connection is removed anyway, and a subscription left behind expires at the provider
    /// (its notifications then name a connection that is gone, and trigger nothing).
    /// </summary>
    public async Task UnsubscribeAsync(ConnectionKey key, CancellationToken cancellationToken)
    {
        if (providers.Find(key.Provider) is not { Provider: IPushingProvider pushing } setup
            || await connections.FindAsync(key, cancellationToken) is not { } row
            || await tokens.FindAsync(key, cancellationToken) is not { } stored)
        {
            return;
        }

        try
        {
            var client = clients.Create(setup, key, stored, (refreshed, cancel) => tokens.SaveAsync(key, refreshed, cancel));
            await pushing.UnsubscribeAsync(client, row.Cursor, cancellationToken);
        }
        catch (Exception exception) when (exception is ProviderResponseException or ProviderUnavailableException or TokenRefusedException or HttpRequestException
            or OperationCanceledException)
        {
            Log.NotUnsubscribed(logger, key.UserId, key.Id, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "The push subscriptions of {UserId}'s {Connection} were not ended at the provider (they expire there): {Reason}")]
        public static partial void NotUnsubscribed(ILogger logger, string userId, string connection, string reason);
    }
}
