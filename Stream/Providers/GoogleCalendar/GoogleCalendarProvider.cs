using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;
using Datapunk.Streams.Webhooks;

namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>
/// Google Calendar API v3 (docs/sources.md): the account is <c>GET calendars/primary</c> (its id is the
/// account's e-mail address); a poll lists the calendars (<see cref="GoogleCalendarList"/>) and reads
/// each one's events by Google's incremental synchronization (<see cref="GoogleCalendarEventsSweep"/>). With a
/// public base URL configured, each poll also keeps a push-notification channel per calendar (<see cref="GoogleCalendarChannels"/>).
/// </summary>
public sealed class GoogleCalendarProvider(TimeProvider time, WebhookSettings webhooks) : IStreamProvider, IPushingProvider
{
    public const string ProviderName = "google-calendar";

    /// <summary>The lineage source of polled pages (<c>imports.files.source</c>).</summary>
    internal const string Source = "google-calendar-api";

    public string Name => ProviderName;

    /// <summary>The name people know it by, which errors about its answers use too.</summary>
    internal const string ProviderTitle = "Google Calendar";

    public string Title => ProviderTitle;

    public string Description => "The events of every calendar the account can read in detail, edits included.";

    public ProviderSettings Defaults { get; } = new()
    {
        AuthorizeEndpoint = new Uri("https://accounts.google.com/o/oauth2/v2/auth"),
        TokenEndpoint = new Uri("https://oauth2.googleapis.com/token"),
        ApiBase = new Uri("https://www.googleapis.com/calendar/v3/"),
        Scopes = "https://www.googleapis.com/auth/calendar.readonly",
        // Google gives a refresh token only to an offline request, and again for an account that
        // consented before only when the consent screen is shown again.
        AuthorizeParameters = new() { ["access_type"] = "offline", ["prompt"] = "consent" },
        PollInterval = TimeSpan.FromMinutes(30),
        // Google counts Calendar requests per project and per user per minute, with limits set per project
        // in its console: these stay well under the defaults and are configurable.
        RequestsPerWindow = 300,
        ConnectionRequestsPerWindow = 60,
        QuotaWindow = TimeSpan.FromMinutes(1),
    };

    public async Task<ProviderAccount> GetAccountAsync(ProviderClient client, CancellationToken cancellationToken)
    {
        var primary = await client.GetJsonAsync("calendars/primary", cancellationToken);
        return ProviderJson.Text((primary as JsonObject)?["id"]) is { Length: > 0 } id
            ? new ProviderAccount(id, ProviderJson.Text(primary["summary"]))
            : throw new ProviderResponseException("Google Calendar's GET calendars/primary has no id.");
    }

    public async IAsyncEnumerable<PolledPage> PollAsync(ProviderClient client, JsonObject cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var calendars = await GoogleCalendarList.ReadAsync(client, cancellationToken);
        var latest = new StrongBox<JsonObject>(GoogleCalendarCursor.OnlyListed(cursor, calendars.Select(calendar => calendar.Id)));
        foreach (var calendar in calendars)
        {
            await foreach (var page in GoogleCalendarEventsSweep.PagesAsync(client, calendar, latest, cancellationToken))
            {
                yield return page;
            }
        }

        if (webhooks.AddressFor(client.Key) is { } address
            && await GoogleCalendarChannels.EnsureAsync(
                client, latest.Value!, [.. calendars.Select(calendar => calendar.Id)], address, time.GetUtcNow(), cancellationToken) is { } watched)
        {
            yield return PolledPage.Progress(Source, watched);
        }
    }

    public bool IsAuthentic(JsonObject cursor, string subscription, string secret) => GoogleCalendarChannels.IsAuthentic(cursor, subscription, secret);

    public Task UnsubscribeAsync(ProviderClient client, JsonObject cursor, CancellationToken cancellationToken) =>
        GoogleCalendarChannels.StopAllAsync(client, cursor, cancellationToken);
}
