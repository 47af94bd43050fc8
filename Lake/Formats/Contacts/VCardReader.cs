using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Contacts;

/// <summary>
/// Google Contacts' vCard export (<c>Contacts/&lt;group&gt;/&lt;group&gt;.vcf</c>, vCard 3.0; 2.1 and
/// 4.0 tolerated): one <see cref="RecordKind.Contact"/> per card, read line by line with only the
/// current card held. A card cut off by the end of the file or by the next BEGIN:VCARD is rejected as
/// truncated, naming its offset; a file that does not start with a card is not a vCard file.
/// </summary>
public sealed class VCardReader : IExportFormatReader
{
    public string FormatId => "google.contacts.vcf";

    public FormatMatch Detect(EntrySample sample)
    {
        var content = ContentLineReader.HeadStartsWithLine(sample.Head.Span, "BEGIN:VCARD"u8);
        var name = sample.Extension is ".vcf" or ".vcard";
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var lines = new ContentLineReader(content);
        var factory = new VCardRecordFactory(sink);
        VCardCard? card = null;
        var sawCard = false;
        string? version = null;
        while (await lines.ReadAsync(cancellationToken) is { } line)
        {
            if (line.Is("BEGIN") && line.Value.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase))
            {
                if (card is not null)
                {
                    sink.RejectRecord(RejectReason.Truncated, $"The card at byte {card.Offset} has no END:VCARD before the next card at byte {line.Offset}; it was skipped.");
                }

                sawCard = true;
                card = new VCardCard(line.Offset);
                continue;
            }

            if (!sawCard)
            {
                throw new ExportFormatException("Expected BEGIN:VCARD; this is not a vCard file", line.Offset);
            }

            if (line.Is("END") && line.Value.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase))
            {
                if (card is null)
                {
                    sink.ReportWarning($"END:VCARD at byte {line.Offset} closes no card and was ignored.");
                    continue;
                }

                if (factory.Create(card) is { } record)
                {
                    sink.AddRecord(record);
                }

                card = null;
                continue;
            }

            if (line.IsMalformed || card is null)
            {
                sink.ReportWarning($"The line at byte {line.Offset} is {(card is null ? "outside any card" : "not a vCard content line")} and was skipped: '{Short(line)}'.");
                continue;
            }

            if (line.Is("VERSION"))
            {
                version ??= line.Value.Trim();
            }

            card.Add(line);
        }

        if (card is not null)
        {
            sink.RejectRecord(RejectReason.Truncated, $"The card at byte {card.Offset} is truncated: the file ends before its END:VCARD; it was skipped.");
        }

        sink.SetVariant("vcard-" + (version ?? "unknown"));
    }

    private static string Short(ContentLine line)
    {
        var text = line.IsMalformed ? line.Value : $"{line.Name}:{line.Value}";
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
