namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Takeout writes zero-byte placeholders (a Semantic Location History month, Settings.json, Timeline
/// Edits.json) for products with no data; such an entry holds no records and must not fail an import.
/// </summary>
internal static class EmptyEntries
{
    public static async Task ReadJsonAsync(Stream content, IImportSink sink, Func<Stream, Task> read)
    {
        var probe = new ContentProbeStream(content);
        try
        {
            await read(probe);
        }
        catch (ExportFormatException) when (!probe.SawContent)
        {
            sink.ReportWarning("The entry is empty (a placeholder without data); it holds no records.");
        }
    }
}
