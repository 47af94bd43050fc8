using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// A page of <c>GET /v1/me/tracks</c> (the library's saved tracks, newest first: <c>{items: [{added_at, track}], next}</c>)
/// as saved-track records up to the first one already stored (<see cref="SavedTrackMark"/>). The
/// identity is the track and the time it was saved: a track saved, removed and saved again is two records.
/// </summary>
internal static class SpotifySavedTracks
{
    public const string FormatId = "spotify.api.saved-tracks";

    /// <summary>The page's new records, whether it reached <paramref name="known"/> (the sweep ends), and its first item's mark.</summary>
    public static (IReadOnlyList<PersonalRecord> Records, bool ReachedKnown, SavedTrackMark? First) Read(SpotifyPage page, string request, SavedTrackMark? known)
    {
        var records = new List<PersonalRecord>(page.Items.Count);
        SavedTrackMark? first = null;
        foreach (var item in page.Items)
        {
            var addedText = ProviderJson.Text(item["added_at"]);
            var addedAt = SpotifyTrack.Time(item["added_at"]) ?? throw new ProviderResponseException($"An item of {request} has no valid added_at ('{addedText}').");
            var track = SpotifyTrack.Of(item["track"]) ?? throw new ProviderResponseException($"The item saved at {addedText} of {request} has no track uri.");
            var mark = new SavedTrackMark(addedAt, track.Key);
            first ??= mark;
            if (known?.IsReachedBy(mark) == true)
            {
                return (records, true, first);
            }

            records.Add(track.Record(
                RecordKind.SpotifySavedTrack, $"saved:{track.Key}:{addedAt.ToUnixTimeMilliseconds()}", addedAt, new JsonObject { ["added_at"] = addedText }));
        }

        return (records, false, first);
    }
}
