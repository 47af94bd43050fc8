using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Datapunk.Streams.Webhooks;
using static Datapunk.Streams.Webhooks.PushEntries;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// Graph change notifications for what a connection reads (docs/sources.md): one subscription per resource
/// (<c>POST subscriptions</c>, changeType <c>created,updated,deleted</c>), renewed by a poll once less than
/// <see cref="RenewWithin"/> is left (<c>PATCH subscriptions/{id}</c>), deleted with the connection. The cursor's
/// <c>subscriptions</c> keeps, per resource, the subscription's id, its expiry as Graph granted it, the
/// notification URL and the SHA-256 of its <c>clientState</c>; the secret itself is only ever sent to Graph.
/// </summary>
internal static class GraphSubscriptions
{
    /// <summary>The resources subscribed to: the calendar's events and the Inbox's messages.</summary>
    public static readonly IReadOnlyList<string> Resources = ["me/events", "me/mailFolders('inbox')/messages"];

    /// <summary>
    /// Graph's maximum for Outlook events and messages is 10,080 minutes (just under 7 days); asking ten minutes
    /// less keeps a request that waited in a queue within it.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10_070);

    /// <summary>A subscription with less than this left is renewed by the next poll (every 15 minutes by default).</summary>
    public static readonly TimeSpan RenewWithin = TimeSpan.FromDays(2);

    private const string Subscriptions = "subscriptions";
    private const string Url = "notificationUrl";

    /// <summary>
    /// Creates the subscriptions missing (or made for another address), renews those about to expire; the cursor
    /// to keep, or null when nothing changed. A resource Graph refuses (it could not validate the address, say)
    /// is left unsubscribed with the reason in the cursor, and tried again by the next poll: polling goes on.
    /// </summary>
    public static async Task<JsonObject?> EnsureAsync(ProviderClient client, JsonObject cursor, Uri notificationUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kept = cursor[Subscriptions] as JsonObject;
        var next = new JsonObject();
        var changed = false;
        foreach (var resource in Resources)
        {
            var entry = kept?[resource] as JsonObject;
            var id = ProviderJson.Text(entry?[Id]);
            var expires = ExpiryOf(entry);
            var sameUrl = ProviderJson.Text(entry?[Url]) == notificationUrl.ToString();
            try
            {
                if (id is not null && sameUrl && expires > now + RenewWithin)
                {
                    next[resource] = entry!.DeepClone();
                    continue;
                }

                changed = true;
                next[resource] = id is not null && sameUrl && expires > now && await RenewAsync(client, id, now, cancellationToken) is { } renewed
                    ? With(entry!, renewed)
                    : await CreateAsync(client, resource, notificationUrl, now, cancellationToken);
            }
            catch (Exception refused) when (refused is ProviderResponseException or ProviderUnavailableException)
            {
                changed = true;
                next[resource] = new JsonObject { [Error] = refused.Message };
            }
        }

        return changed ? ProviderCursor.Changed(cursor, c => c[Subscriptions] = next) : null;
    }

    /// <summary>Whether <paramref name="subscription"/> is one <paramref name="cursor"/> keeps and <paramref name="clientState"/> its secret.</summary>
    public static bool IsAuthentic(JsonObject cursor, string subscription, string clientState) =>
        PushEntries.IsAuthentic(cursor[Subscriptions], subscription, clientState);

    /// <summary>Deletes every subscription the cursor keeps; one Graph no longer knows (404) is already gone.</summary>
    public static async Task DeleteAsync(ProviderClient client, JsonObject cursor, CancellationToken cancellationToken)
    {
        if (cursor[Subscriptions] is not JsonObject kept)
        {
            return;
        }

        foreach (var id in kept.Select(pair => ProviderJson.Text(pair.Value?[Id])).OfType<string>())
        {
            try
            {
                await client.DeleteAsync($"subscriptions/{Uri.EscapeDataString(id)}", cancellationToken);
            }
            catch (ProviderResponseException gone) when (gone.Status == HttpStatusCode.NotFound)
            {
            }
        }
    }

    private static async Task<JsonObject> CreateAsync(ProviderClient client, string resource, Uri notificationUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secret = WebhookSecret.New();
        var created = await client.PostJsonAsync("subscriptions", new JsonObject
        {
            ["changeType"] = "created,updated,deleted",
            ["notificationUrl"] = notificationUrl.ToString(),
            ["resource"] = resource,
            ["expirationDateTime"] = Format(now + Lifetime),
            ["clientState"] = secret,
        }, cancellationToken);
        var id = ProviderJson.Text(created["id"])
            ?? throw new ProviderResponseException($"{MicrosoftGraphProvider.ProviderTitle}'s answer to POST subscriptions for {resource} has no id.");
        return new JsonObject
        {
            [Id] = id,
            [Expires] = ProviderJson.Text(created["expirationDateTime"]) ?? Format(now + Lifetime),
            [Url] = notificationUrl.ToString(),
            [SecretHash] = WebhookSecret.HashOf(secret),
        };
    }

    /// <summary>The expiry Graph granted on renewal; null when Graph no longer knows the subscription (a new one is made).</summary>
    private static async Task<string?> RenewAsync(ProviderClient client, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var renewed = await client.PatchJsonAsync(
                $"subscriptions/{Uri.EscapeDataString(id)}", new JsonObject { ["expirationDateTime"] = Format(now + Lifetime) }, cancellationToken);
            return ProviderJson.Text(renewed["expirationDateTime"]) ?? Format(now + Lifetime);
        }
        catch (ProviderResponseException gone) when (gone.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static JsonObject With(JsonObject entry, string expires)
    {
        var next = entry.DeepClone().AsObject();
        next[Expires] = expires;
        return next;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
