using System.Text.Json.Nodes;

namespace Datapunk.Streams.Webhooks;

/// <summary>
/// A provider that can push change notifications to the gateway (docs/sources.md): its polls keep the
/// subscriptions (created, renewed) in the connection's cursor, a notification only brings the next poll forward.
/// </summary>
public interface IPushingProvider
{
    /// <summary>Whether <paramref name="secret"/> is the one the subscription <paramref name="subscription"/> that <paramref name="cursor"/> keeps was given.</summary>
    bool IsAuthentic(JsonObject cursor, string subscription, string secret);

    /// <summary>Ends the subscriptions <paramref name="cursor"/> keeps at the provider (a connection being removed).</summary>
    Task UnsubscribeAsync(ProviderClient client, JsonObject cursor, CancellationToken cancellationToken);
}
