using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Streams.Webhooks;
using static Datapunk.Streams.Webhooks.PushEntries;

namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>
/// Google Calendar push notifications for the calendars a connection reads (docs/sources.md): one channel per
/// calendar (<c>POST calendars/{id}/events/watch</c>, type <c>web_hook</c>, a random id and token), made again
/// once less than <see cref="RenewWithin"/> is left (Google's channels cannot be extended) and the old one stopped
/// (<c>POST channels/stop</c>), all stopped with the connection. The cursor's <c>channels</c> keeps, per calendar,
/// the channel's id and resourceId, its expiry as Google granted it, the address and the SHA-256 of its token.
/// </summary>
internal static class GoogleCalendarChannels
{
    /// <summary>What a channel is asked to live (<c>params.ttl</c>, seconds): a week; Google may grant less, and its answer's expiration is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static readonly TimeSpan RenewWithin = TimeSpan.FromDays(1);

    private const string Channels = "channels";
    private const string ResourceId = "resourceId";
    private const string Url = "address";

    /// <summary>Watches each of <paramref name="calendars"/> not watched (or about to expire), stops channels of calendars no longer read; the cursor to keep, or null when nothing changed.</summary>
    public static async Task<JsonObject?> EnsureAsync(
        ProviderClient client, JsonObject cursor, IReadOnlyList<string> calendars, Uri address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kept = cursor[Channels] as JsonObject ?? [];
        var next = new JsonObject();
        var changed = false;
        foreach (var calendar in calendars)
        {
            var entry = kept[calendar] as JsonObject;
            if (entry is not null && ProviderJson.Text(entry[Url]) == address.ToString() && ExpiryOf(entry) > now + RenewWithin)
            {
                next[calendar] = entry.DeepClone();
                continue;
            }

            changed = true;
            try
            {
                next[calendar] = await WatchAsync(client, calendar, address, now, cancellationToken);
                await StopQuietlyAsync(client, entry, cancellationToken);
            }
            catch (Exception refused) when (refused is ProviderResponseException or ProviderUnavailableException)
            {
                next[calendar] = new JsonObject { [Error] = refused.Message };
            }
        }

        foreach (var (calendar, gone) in kept.Where(pair => !calendars.Contains(pair.Key, StringComparer.Ordinal)))
        {
            changed = true;
            await StopQuietlyAsync(client, gone as JsonObject, cancellationToken);
        }

        return changed ? ProviderCursor.Changed(cursor, c => c[Channels] = next) : null;
    }

    /// <summary>Whether <paramref name="channel"/> is one <paramref name="cursor"/> keeps and <paramref name="token"/> its token.</summary>
    public static bool IsAuthentic(JsonObject cursor, string channel, string token) =>
        PushEntries.IsAuthentic(cursor[Channels], channel, token);

    /// <summary>Stops every channel the cursor keeps; one Google no longer knows (404) is already gone.</summary>
    public static async Task StopAllAsync(ProviderClient client, JsonObject cursor, CancellationToken cancellationToken)
    {
        foreach (var (_, entry) in cursor[Channels] as JsonObject ?? [])
        {
            await StopAsync(client, entry as JsonObject, cancellationToken);
        }
    }

    private static async Task<JsonObject> WatchAsync(ProviderClient client, string calendar, Uri address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (id, token) = (Guid.NewGuid().ToString(), WebhookSecret.New());
        var channel = await client.PostJsonAsync($"calendars/{Uri.EscapeDataString(calendar)}/events/watch", new JsonObject
        {
            ["id"] = id,
            ["type"] = "web_hook",
            ["address"] = address.ToString(),
            ["token"] = token,
            ["params"] = new JsonObject { ["ttl"] = ((long)Lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture) },
        }, cancellationToken);
        var resourceId = ProviderJson.Text(channel["resourceId"])
            ?? throw new ProviderResponseException($"{GoogleCalendarProvider.ProviderTitle}'s answer to watching the calendar '{calendar}' has no resourceId.");
        var expires = long.TryParse(ProviderJson.Text(channel["expiration"]), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : now + Lifetime;
        return new JsonObject
        {
            [Id] = id,
            [ResourceId] = resourceId,
            [Expires] = expires.ToString("O", CultureInfo.InvariantCulture),
            [Url] = address.ToString(),
            [SecretHash] = WebhookSecret.HashOf(token),
        };
    }

    private static async Task StopAsync(ProviderClient client, JsonObject? entry, CancellationToken cancellationToken)
    {
        if (ProviderJson.Text(entry?[Id]) is not { } id || ProviderJson.Text(entry?[ResourceId]) is not { } resourceId)
        {
            return;
        }

        try
        {
            await client.PostAsync("channels/stop", new JsonObject { ["id"] = id, ["resourceId"] = resourceId }, cancellationToken);
        }
        catch (ProviderResponseException gone) when (gone.Status == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>Stops a channel being replaced: one left running expires at Google, and its notifications bring a poll forward at worst.</summary>
    private static async Task StopQuietlyAsync(ProviderClient client, JsonObject? entry, CancellationToken cancellationToken)
    {
        try
        {
            await StopAsync(client, entry, cancellationToken);
        }
        catch (Exception failed) when (failed is ProviderResponseException or ProviderUnavailableException)
        {
        }
    }
}
