namespace Datapunk.Lake.Formats.YouTube;

/// <summary>
/// Classifies the YouTube links of activity entries. The link, not the title's verb, decides what
/// an entry is: verbs are translated ("Watched", "angesehen", "a regardé"), links are not.
/// </summary>
public static class YouTubeUrls
{
    private const StringComparison Ignore = StringComparison.OrdinalIgnoreCase;

    /// <summary>A video or music-track page (<c>/watch?v=</c>, <c>youtu.be/</c>, <c>/shorts/</c>); the id when one is there.</summary>
    public static bool IsVideo(string? url, out string? videoId)
    {
        videoId = null;
        if (url is null || !IsYouTubeHost(url))
        {
            return false;
        }

        var at = url.IndexOf("/watch?", Ignore);
        if (at >= 0)
        {
            videoId = QueryValue(url, at, "v");
            return true;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["youtu.be/", "/shorts/", "/live/"])
        {
            at = url.IndexOf(prefix, Ignore);
            if (at >= 0)
            {
                videoId = UntilDelimiter(url, at + prefix.Length);
                return true;
            }
        }

        return false;
    }

    /// <summary>A search results page (<c>/results?search_query=</c>, YouTube Music <c>/search?q=</c>).</summary>
    public static bool IsSearch(string? url) =>
        url is not null && IsYouTubeHost(url) && (url.Contains("/results?", Ignore) || url.Contains("/search?", Ignore));

    /// <summary>A community post (<c>youtube.com/post/…</c>, the older <c>/community?lb=</c>).</summary>
    public static bool IsCommunityPost(string? url) =>
        url is not null && IsYouTubeHost(url) && (url.Contains("/post/", Ignore) || url.Contains("/community?lb=", Ignore));

    private static bool IsYouTubeHost(string url) => url.Contains("youtube.com/", Ignore) || url.Contains("youtu.be/", Ignore);

    private static string? QueryValue(string url, int from, string name)
    {
        var query = url.IndexOf('?', from);
        for (var at = query; at >= 0 && at < url.Length - name.Length - 1; at = url.IndexOf('&', at + 1))
        {
            if (string.CompareOrdinal(url, at + 1, name, 0, name.Length) == 0 && url[at + 1 + name.Length] == '=')
            {
                return UntilDelimiter(url, at + name.Length + 2);
            }
        }

        return null;
    }

    private static string? UntilDelimiter(string url, int start)
    {
        var end = url.IndexOfAny(['&', '?', '#', '/'], start);
        var id = end < 0 ? url[start..] : url[start..end];
        return id.Length == 0 ? null : id;
    }
}
