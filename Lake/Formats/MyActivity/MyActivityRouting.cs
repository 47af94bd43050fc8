using Datapunk.Lake.Formats.YouTube;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// Decides the record kind of a My Activity entry (JSON or HTML, My Activity folder or YouTube history).
/// </summary>
/// <remarks>
/// The rule, in order:
/// <list type="number">
/// <item>Only entries of YouTube products are candidates: the header starts with "YouTube" ("YouTube",
/// "YouTube Music", "YouTube Kids"), or, when there is no header, a product does. A Search entry that
/// links to a video stays a Search activity event.</item>
/// <item>A link to a community post (<c>youtube.com/post/…</c>) is an activity event flagged as such:
/// it was viewed, but it is not a video.</item>
/// <item>A link to search results is a <see cref="RecordKind.YoutubeSearch"/>.</item>
/// <item>A link to a video (<c>/watch?v=</c>, <c>youtu.be</c>, <c>/shorts/</c>) is a <see cref="RecordKind.YoutubeWatch"/>,
/// ads and deleted videos included (they are flagged, not dropped).</item>
/// <item>Without a link, the English verbs decide: "Watched …" is a watch (a removed video),
/// "Searched for …" a search.</item>
/// <item>Anything else (visits to channels, likes, subscriptions, surveys) is an <see cref="RecordKind.ActivityEvent"/>.</item>
/// </list>
/// Links decide before verbs because verbs are translated in localised exports and links are not.
/// </remarks>
public static class MyActivityRouting
{
    public static ActivityRoute Route(string? header, IEnumerable<string> products, string? title, string? titleUrl)
    {
        var youTube = header is not null
            ? header.StartsWith("YouTube", StringComparison.OrdinalIgnoreCase)
            : products.Any(p => p.StartsWith("YouTube", StringComparison.OrdinalIgnoreCase));
        if (!youTube)
        {
            return new ActivityRoute(RecordKind.ActivityEvent);
        }

        if (YouTubeUrls.IsCommunityPost(titleUrl))
        {
            return new ActivityRoute(RecordKind.ActivityEvent, CommunityPost: true);
        }

        if (YouTubeUrls.IsSearch(titleUrl))
        {
            return new ActivityRoute(RecordKind.YoutubeSearch);
        }

        if (YouTubeUrls.IsVideo(titleUrl, out var videoId))
        {
            return new ActivityRoute(RecordKind.YoutubeWatch, videoId);
        }

        if (titleUrl is null && title is not null)
        {
            if (title.StartsWith("Watched ", StringComparison.Ordinal))
            {
                return new ActivityRoute(RecordKind.YoutubeWatch);
            }

            if (title.StartsWith("Searched for ", StringComparison.Ordinal))
            {
                return new ActivityRoute(RecordKind.YoutubeSearch);
            }
        }

        return new ActivityRoute(RecordKind.ActivityEvent);
    }
}
