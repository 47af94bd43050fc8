using System.Net;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// Reads a part of the account the connection may not have been granted: Spotify answers 403 to a token without the
/// scope (a connection authorised before Datapunk read saved tracks and playlists, or a playlist no longer shared).
/// That part is skipped, and the rest of the poll goes on: the plays are still read, and the library is read once the
/// user connects the account again (docs/sources.md).
/// </summary>
internal static class SpotifyGrants
{
    /// <summary>The JSON at <paramref name="request"/>, or null when Spotify refuses this token access to it.</summary>
    public static async Task<JsonNode?> GetIfGrantedAsync(ProviderClient client, string request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetJsonAsync(request, cancellationToken);
        }
        catch (ProviderResponseException refused) when (refused.Status == HttpStatusCode.Forbidden)
        {
            return null;
        }
    }
}
