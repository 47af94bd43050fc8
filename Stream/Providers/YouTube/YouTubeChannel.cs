using Datapunk.Streams.OAuth;

namespace Datapunk.Streams.Providers.YouTube;

/// <summary>
/// The account's own channel, <c>GET channels?part=snippet&amp;mine=true</c>: its id is the connection's
/// account (<c>youtube:UC…</c>), its title the name shown. A Google account without a YouTube channel has
/// no subscriptions, playlists or likes to read: connecting it is refused, saying so.
/// </summary>
internal static class YouTubeChannel
{
    private const string Request = "channels?part=snippet&mine=true";

    public static async Task<ProviderAccount> ReadAsync(ProviderClient client, CancellationToken cancellationToken)
    {
        var line = "GET " + client.Resolve(Request).PathAndQuery;
        var channels = YouTubePage.Of(await client.GetJsonAsync(Request, cancellationToken), line).Items;
        if (channels.Count == 0)
        {
            throw new AuthorizationRefusedException(
                "This Google account has no YouTube channel, so YouTube keeps no subscriptions, playlists or likes for it: create the channel on YouTube, or connect the account that has one.");
        }

        var id = ProviderJson.Text(channels[0]["id"]) is { Length: > 0 } channelId
            ? channelId
            : throw new ProviderResponseException($"The channel of {line} has no id.");
        return new ProviderAccount(id, ProviderJson.Text(channels[0]["snippet"]?["title"]));
    }
}
