using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;
using Datapunk.Streams.Webhooks;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// Microsoft Graph v1.0 for an Outlook.com or Microsoft 365 account (docs/sources.md): one connection
/// reads both the primary calendar (<see cref="GraphCalendarView"/>) and the mail folders
/// (<see cref="GraphMailFolders"/>) by delta queries, through the engine's <see cref="ProviderClient"/>
/// (REST, not the Graph SDK: see docs/sources.md). The account is <c>GET me</c>. Microsoft's identity
/// platform (v2.0 endpoints, <c>offline_access</c> for a refresh token) is the OAuth server. With a public base
/// URL configured, each poll also keeps the connection's change-notification subscriptions (<see cref="GraphSubscriptions"/>).
/// </summary>
public sealed class MicrosoftGraphProvider(TimeProvider time, WebhookSettings webhooks) : IStreamProvider, IPushingProvider
{
    public const string ProviderName = "microsoft";

    /// <summary>The lineage source of polled pages (<c>imports.files.source</c>).</summary>
    internal const string Source = "microsoft-graph-api";

    /// <summary>The name errors about its answers use.</summary>
    internal const string ProviderTitle = "Microsoft Graph";

    private const string Me = "me?$select=id,userPrincipalName,mail,displayName";

    public string Name => ProviderName;

    public string Title => "Microsoft Outlook (mail and calendar)";

    public string Description =>
        "The primary calendar's events and the Inbox, Sent Items and Archive messages, through Microsoft Graph's delta queries; the same records as an .ics or mbox export.";

    public ProviderSettings Defaults { get; } = new()
    {
        AuthorizeEndpoint = new Uri("https://login.microsoftonline.com/common/oauth2/v2.0/authorize"),
        TokenEndpoint = new Uri("https://login.microsoftonline.com/common/oauth2/v2.0/token"),
        ApiBase = new Uri("https://graph.microsoft.com/v1.0/"),
        Scopes = "offline_access User.Read Calendars.Read Mail.Read",
        // The identity platform's refresh-token grant requires the scopes again.
        RefreshWithScopes = true,
        PollInterval = TimeSpan.FromMinutes(15),
        // Outlook's published limits: 10,000 requests per 10 minutes per application and mailbox, and
        // 130,000 per 10 s for an application over all tenants. 150 per 10 s for one connection is 9,000
        // per 10 minutes; 2,000 per 10 s for the application stays far under its global limit.
        RequestsPerWindow = 2000,
        ConnectionRequestsPerWindow = 150,
        QuotaWindow = TimeSpan.FromSeconds(10),
    };

    public async Task<ProviderAccount> GetAccountAsync(ProviderClient client, CancellationToken cancellationToken)
    {
        var me = await client.GetJsonAsync(Me, cancellationToken) as JsonObject
            ?? throw new ProviderResponseException($"Microsoft Graph's answer to GET {Me} is not a JSON object.");
        // The sign-in name (an e-mail address) names the connection, as Google's providers do; a personal account may have no mail.
        var account = ProviderJson.Text(me["userPrincipalName"]) is { Length: > 0 } upn ? upn
            : ProviderJson.Text(me["mail"]) is { Length: > 0 } mail ? mail
            : throw new ProviderResponseException($"Microsoft Graph's answer to GET {Me} has neither a userPrincipalName nor a mail.");
        return new ProviderAccount(account, ProviderJson.Text(me["displayName"]) ?? account);
    }

    public async IAsyncEnumerable<PolledPage> PollAsync(ProviderClient client, JsonObject cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var latest = new StrongBox<JsonObject>(cursor);
        await foreach (var page in GraphCalendarView.PagesAsync(client, latest, time.GetUtcNow(), cancellationToken))
        {
            yield return page;
        }

        foreach (var folder in GraphMailFolders.Folders)
        {
            await foreach (var page in GraphMailFolders.PagesAsync(client, folder, latest, cancellationToken))
            {
                yield return page;
            }
        }

        if (webhooks.AddressFor(client.Key) is { } notificationUrl
            && await GraphSubscriptions.EnsureAsync(client, latest.Value!, notificationUrl, time.GetUtcNow(), cancellationToken) is { } subscribed)
        {
            yield return PolledPage.Progress(Source, subscribed);
        }
    }

    public bool IsAuthentic(JsonObject cursor, string subscription, string secret) => GraphSubscriptions.IsAuthentic(cursor, subscription, secret);

    public Task UnsubscribeAsync(ProviderClient client, JsonObject cursor, CancellationToken cancellationToken) =>
        GraphSubscriptions.DeleteAsync(client, cursor, cancellationToken);
}
