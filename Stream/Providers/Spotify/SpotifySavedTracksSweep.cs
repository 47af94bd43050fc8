using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// Reads the saved tracks added since the last sweep: <c>GET /v1/me/tracks?limit=50&amp;offset=…</c>
/// from the newest, stopping at the first track already stored. The newest track becomes the mark
/// only when the sweep ends; until then each page's cursor keeps the offset reached, so a sweep cut
/// short (a 429 longer than a poll waits, the poll's budget) goes on from there next time, one page
/// back in case tracks were removed meanwhile (a page read twice stores nothing twice).
/// </summary>
internal static class SpotifySavedTracksSweep
{
    private const int Limit = 50;

    public static async IAsyncEnumerable<PolledPage> PagesAsync(ProviderClient client, StrongBox<JsonObject> cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var known = SpotifyCursor.SavedTracksKnown(cursor.Value!);
        var sweep = SpotifyCursor.SavedTracksSweep(cursor.Value!);
        var newest = sweep?.Newest;
        var offset = sweep is { Offset: var reached } ? Math.Max(0, reached - Limit) : 0;
        while (true)
        {
            var request = $"me/tracks?limit={Limit}&offset={offset}";
            if (await SpotifyGrants.GetIfGrantedAsync(client, request, cancellationToken) is not { } body)
            {
                // Not granted (user-library-read): the sweep waits, where it stands, for the user to connect
                // again, and the connection's status says so.
                var refused = SpotifyCursor.WithLibraryGranted(cursor.Value!, granted: false);
                if (!ReferenceEquals(refused, cursor.Value))
                {
                    cursor.Value = refused;
                    yield return PolledPage.Progress("spotify-api", refused);
                }

                yield break;
            }

            cursor.Value = SpotifyCursor.WithLibraryGranted(cursor.Value!, granted: true);

            var page = SpotifyPage.Of(body, request);
            var (records, reachedKnown, first) = SpotifySavedTracks.Read(page, request, known);
            newest ??= first;
            offset += page.Items.Count;
            var done = reachedKnown || page.Next is null || page.Items.Count == 0;
            cursor.Value = done
                ? SpotifyCursor.WithSavedTracksKnown(cursor.Value!, newest ?? known)
                : SpotifyCursor.WithSavedTracksSweep(cursor.Value!, newest, offset);
            yield return new PolledPage("spotify-api", SpotifySavedTracks.FormatId, "GET /v1/" + request, records, cursor.Value);
            if (done)
            {
                yield break;
            }
        }
    }
}
