namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// My Activity in JSON, any product: <c>My Activity/&lt;Product&gt;/MyActivity.json</c> (also
/// <c>My Activity.json</c> and localised names). Files whose entries all belong to YouTube are
/// left to <see cref="YouTube.YouTubeHistoryReader"/>, which reads them the same way.
/// </summary>
public sealed class MyActivityJsonReader : IExportFormatReader
{
    public string FormatId => "google.myactivity.json";

    public FormatMatch Detect(EntrySample sample)
    {
        if (sample.Extension != ".json")
        {
            return FormatMatch.None;
        }

        var head = MyActivityJsonHead.Inspect(sample.Head.Span);
        var name = sample.FileName is "MyActivity.json" or "My Activity.json";
        // A YouTube-only activity file belongs to the YouTube reader even under this name.
        var content = head.IsActivity && !head.AllYouTube;
        return FormatMatch.From(content, name && (content || !head.IsActivity));
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        await MyActivityJsonEntries.ReadAsync(content, sink, cancellationToken);
        sink.SetVariant("my-activity.json");
    }
}
