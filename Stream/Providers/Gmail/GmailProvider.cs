using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary>
/// Gmail API v1 (docs/sources.md): the account is <c>GET users/me/profile</c> (its e-mail address); a poll
/// follows Google's synchronization guide: with a history id, what was added since
/// (<see cref="GmailHistorySweep"/>); without one, or when Google no longer keeps that history (404), the
/// whole mailbox once (<see cref="GmailListingSweep"/>). Messages are read raw and become the records the
/// Takeout mbox import makes of them (<see cref="GmailMessage"/>).
/// </summary>
public sealed class GmailProvider : IStreamProvider
{
    public const string ProviderName = "gmail";

    /// <summary>The lineage source of polled pages (<c>imports.files.source</c>).</summary>
    internal const string Source = "gmail-api";

    /// <summary>The lineage format of polled pages: messages read with <c>format=raw</c>.</summary>
    internal const string FormatId = "gmail.api.messages";

    public string Name => ProviderName;

    /// <summary>The name people know it by, which errors about its answers use too.</summary>
    internal const string ProviderTitle = "Gmail";

    public string Title => ProviderTitle;

    public string Description => "The mailbox's messages, spam, trash and drafts left out; the same records as a Takeout mbox import.";

    public ProviderSettings Defaults { get; } = new()
    {
        AuthorizeEndpoint = new Uri("https://accounts.google.com/o/oauth2/v2/auth"),
        TokenEndpoint = new Uri("https://oauth2.googleapis.com/token"),
        ApiBase = new Uri("https://gmail.googleapis.com/gmail/v1/"),
        Scopes = "https://www.googleapis.com/auth/gmail.readonly",
        // Google gives a refresh token only to an offline request, and again for an account that
        // consented before only when the consent screen is shown again.
        AuthorizeParameters = new() { ["access_type"] = "offline", ["prompt"] = "consent" },
        PollInterval = TimeSpan.FromMinutes(15),
        // Gmail allows 250 quota units per user per second and a project's quota per minute; a
        // messages.get costs 5 units, a list or history page 5 or 2. 20 requests a second for one
        // connection are at most 100 units, 200 a second for the application 1,000: well under both.
        RequestsPerWindow = 2000,
        ConnectionRequestsPerWindow = 200,
        QuotaWindow = TimeSpan.FromSeconds(10),
    };

    public async Task<ProviderAccount> GetAccountAsync(ProviderClient client, CancellationToken cancellationToken)
    {
        var profile = await GmailProfile.ReadAsync(client, cancellationToken);
        return new ProviderAccount(profile.EmailAddress, profile.EmailAddress);
    }

    public async IAsyncEnumerable<PolledPage> PollAsync(ProviderClient client, JsonObject cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = GmailCursor.Of(cursor);
        if (position.IsIncremental)
        {
            var expired = new StrongBox<bool>();
            await foreach (var page in GmailHistorySweep.PagesAsync(client, position, expired, cancellationToken))
            {
                yield return page;
            }

            if (!expired.Value)
            {
                yield break;
            }

            // Google's answer to a history id it no longer keeps is a full synchronization: once per poll,
            // as the listing asks no history.
            position = GmailCursor.Start;
        }

        await foreach (var page in GmailListingSweep.PagesAsync(client, position, cancellationToken))
        {
            yield return page;
        }
    }
}
