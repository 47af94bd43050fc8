namespace Datapunk.Lake.Formats.Spotify;

/// <summary>"artist — track" (or "show — episode"), with whichever half is known when one is missing.</summary>
public static class SpotifyTitle
{
    public static string? Of(string? artist, string? track) => (artist, track) switch
    {
        ({ Length: > 0 }, { Length: > 0 }) => $"{artist} — {track}",
        ({ Length: > 0 }, _) => artist,
        (_, { Length: > 0 }) => track,
        _ => null,
    };
}
