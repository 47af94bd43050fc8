namespace Datapunk.Lake.Formats.Keep;

/// <summary>
/// The <c>.html</c> rendering Keep writes beside each note's JSON. Its JSON twin carries the same
/// note with exact timestamps (the HTML has only a localised date), so the HTML is recognised, to
/// keep it out of the unknown-files report, and yields nothing.
/// </summary>
public sealed class KeepHtmlTwinReader : IExportFormatReader
{
    public string FormatId => "google.keep.html";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = head.IndexOf("meta-icons"u8) >= 0 && (head.IndexOf("class=\"heading\""u8) >= 0 || head.IndexOf(".note .heading"u8) >= 0);
        var name = sample.Extension == ".html" && sample.Path.Contains("/Keep/", StringComparison.OrdinalIgnoreCase);
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        sink.SetVariant("html-twin");
        return Task.CompletedTask;
    }
}
