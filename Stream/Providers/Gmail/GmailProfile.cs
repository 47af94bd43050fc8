using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Gmail;

/// <summary><c>GET users/me/profile</c>: the account's e-mail address (the connection's account) and the mailbox's current history id.</summary>
internal sealed record GmailProfile(string EmailAddress, string HistoryId)
{
    private const string Request = "users/me/profile";

    public static async Task<GmailProfile> ReadAsync(ProviderClient client, CancellationToken cancellationToken)
    {
        var body = await client.GetJsonAsync(Request, cancellationToken) as JsonObject
            ?? throw new ProviderResponseException($"Gmail's answer to GET {Request} is not a JSON object.");
        var email = ProviderJson.Text(body["emailAddress"]) is { Length: > 0 } address
            ? address
            : throw new ProviderResponseException($"Gmail's answer to GET {Request} has no emailAddress.");
        return new GmailProfile(email, GmailJson.HistoryId(body, "GET " + Request));
    }
}
