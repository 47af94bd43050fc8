using Datapunk.Lake.Formats.MyActivity;

namespace Datapunk.Lake.Formats.YouTube;

/// <summary>
/// YouTube watch and search history in JSON (<c>YouTube and YouTube Music/history/watch-history.json</c>,
/// <c>search-history.json</c>, and My Activity's YouTube folder, which holds the same entries): the My
/// Activity schema with YouTube headers. Watches become <see cref="RecordKind.YoutubeWatch"/>, searches
/// <see cref="RecordKind.YoutubeSearch"/>, the rest activity events (see <see cref="MyActivityRouting"/>).
/// Identities match those of the My Activity reader, so a history exported both ways is stored once.
/// </summary>
public sealed class YouTubeHistoryReader : IExportFormatReader
{
    public string FormatId => "google.youtube.history";

    public FormatMatch Detect(EntrySample sample)
    {
        if (sample.Extension != ".json")
        {
            return FormatMatch.None;
        }

        var head = MyActivityJsonHead.Inspect(sample.Head.Span);
        var name = sample.FileName is "watch-history.json" or "search-history.json";
        // Without YouTube content the name counts only when the head is no other activity file or playlist.
        var nameCounts = head.AllYouTube || (!head.IsActivity && !YouTubePlaylistItemsReader.LooksLikePlaylistItems(sample.Head.Span));
        return FormatMatch.From(head.AllYouTube, name && nameCounts);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var counts = await MyActivityJsonEntries.ReadAsync(content, sink, cancellationToken);
        var watches = counts.GetValueOrDefault(RecordKind.YoutubeWatch);
        var searches = counts.GetValueOrDefault(RecordKind.YoutubeSearch);
        sink.SetVariant(watches >= searches ? "watch-history.json" : "search-history.json");
    }
}
