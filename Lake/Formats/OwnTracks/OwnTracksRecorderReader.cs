namespace Datapunk.Lake.Formats.OwnTracks;

/// <summary>
/// OwnTracks Recorder storage files (<c>store/rec/&lt;user&gt;/&lt;device&gt;/YYYY-MM.rec</c>): one message per
/// line, read line by line so a file of any size is read in one small buffer.
/// </summary>
public sealed class OwnTracksRecorderReader : IExportFormatReader
{
    // A recorder line is a few hundred bytes; an image-carrying card message can be large.
    private const int MaxLineBytes = 4 << 20;

    public string FormatId => "owntracks.recorder";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var lineEnd = head.IndexOf((byte)'\n');
        var content = IsRecorderLine(lineEnd < 0 ? head : head[..lineEnd]);
        var name = sample.Extension == ".rec";
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var parser = new RecorderLineParser(sink);
        await Utf8LineReader.ReadAsync(content, parser.Read, parser.RejectTooLong, MaxLineBytes, cancellationToken);
        parser.Finish();
    }

    /// <summary>"2019-07-01T10:12:45Z", a separator, a JSON object with "_type".</summary>
    private static bool IsRecorderLine(ReadOnlySpan<byte> line)
    {
        if (line.Length < 20 || line[..4].ContainsAnyExceptInRange((byte)'0', (byte)'9') || line[4] != '-' || line[7] != '-' || line[10] != 'T')
        {
            return false;
        }

        var separator = line.IndexOfAny(" \t"u8);
        var brace = line.IndexOf((byte)'{');
        return separator > 10 && brace > separator && line[brace..].IndexOf("\"_type\""u8) >= 0;
    }
}
