using Datapunk.Lake.Formats.OwnTracks;
using Datapunk.Lake.Pipeline;

namespace Datapunk.Lake.Formats.DatapunkExport;

/// <summary>
/// Reads a Datapunk export back (<see cref="DatapunkExportFormat"/>), so that importing one user's
/// export into another Datapunk reproduces the data: every record with its original identity,
/// times, fields, position and source fields, and every location fix with its precision and
/// device. The manifest is checked and yields nothing; each data file is checked against its end
/// line (line count and SHA-256) as it is read, and a file that does not match fails with an error
/// that says the export is damaged. Import history files are checked and yield nothing: the
/// importing Datapunk keeps its own history.
/// </summary>
public sealed class DatapunkExportReader : IExportFormatReader
{
    /// <summary>Records are one line each; an e-mail body can be long.</summary>
    internal const int MaxLineBytes = 64 << 20;

    private const int PeekBytes = 64;

    private static readonly byte[] HeaderStart = "{\"datapunk_export\":"u8.ToArray();

    public string FormatId => "datapunk.export";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = WithoutBom(sample.Head.Span);
        if (head.StartsWith(HeaderStart))
        {
            return FormatMatch.From(content: true, name: sample.Extension == ".jsonl");
        }

        var isManifest = head.TrimStart(" \t\r\n"u8).StartsWith("{"u8) && head.IndexOf("\"datapunk-export\""u8) >= 0 && head.IndexOf("\"format\""u8) >= 0;
        return isManifest ? FormatMatch.From(content: true, name: sample.FileName == DatapunkExportFormat.ManifestPath) : FormatMatch.None;
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var peek = new byte[PeekBytes];
        var filled = 0;
        int read;
        while (filled < peek.Length && (read = await content.ReadAsync(peek.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        var head = peek.AsMemory(0, filled);
        var bom = head.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        var replay = new PrefixedStream(head[bom..], content);
        if (head.Span[bom..].StartsWith(HeaderStart))
        {
            using var parser = new ExportFileParser(sink);
            await Utf8LineReader.ReadAsync(replay, parser.Read, parser.RejectTooLong, MaxLineBytes, cancellationToken);
            parser.Finish();
        }
        else
        {
            await ExportManifestCheck.ReadAsync(replay, sink, cancellationToken);
        }
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> head) => head.StartsWith("\uFEFF"u8) ? head[3..] : head;
}
