using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Keep;

/// <summary>
/// Google Keep notes, one JSON file per note (<c>Keep/&lt;title&gt;.json</c>; untitled notes are
/// named after their time). Text is the note's text, or its checklist items one per line (checked
/// state, labels, attachments, colour and the trashed/archived/pinned flags stay in Source; trashed
/// notes are kept, flagged, because the export holds them).
/// <para>
/// Keep gives a note no id. The identity is (createdTimestampUsec, title): the creation time in
/// microseconds is the only attribute that survives edits, and the file name cannot serve (it
/// follows the title and gets suffixes on clashes). The title is added so that notes sharing a
/// creation time (copies made by import tools) stay apart; the price is that retitling a note
/// between two exports yields a second record, while editing its text or list does not.
/// </para>
/// A file that is not valid JSON (seen in real exports) throws <see cref="ExportFormatException"/>
/// with the byte offset; the importer records that file as failed and goes on.
/// </summary>
public sealed class KeepNoteReader : IExportFormatReader
{
    private static readonly KnownFieldNames NoteFields = new(
        "title", "textContent", "textContentHtml", "listContent", "labels", "attachments", "annotations", "sharees", "color", "isTrashed",
        "isArchived", "isPinned", "userEditedTimestampUsec", "createdTimestampUsec");

    private static readonly KnownFieldNames ListItemFields = new("text", "textHtml", "isChecked");

    public string FormatId => "google.keep.note";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = (head.IndexOf("\"userEditedTimestampUsec\""u8) >= 0 || head.IndexOf("\"createdTimestampUsec\""u8) >= 0)
            && (head.IndexOf("\"textContent\""u8) >= 0 || head.IndexOf("\"listContent\""u8) >= 0 || head.IndexOf("\"isTrashed\""u8) >= 0);
        var name = sample.Extension == ".json" && sample.Path.Contains("/Keep/", StringComparison.OrdinalIgnoreCase);
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        if (await SmallJsonDocument.ReadObjectAsync(content, cancellationToken) is not { } note)
        {
            sink.ReportWarning("The note file is empty; it holds no note.");
            return;
        }

        var unknown = new UnknownFieldLog(sink);
        unknown.Check("$", note, NoteFields);
        var items = note["listContent"] as JsonArray;
        foreach (var item in items ?? [])
        {
            unknown.Check("$.listContent[]", item, ListItemFields);
        }

        sink.SetVariant(items is null ? "text-note" : "list-note");
        var createdValue = note["createdTimestampUsec"];
        var editedValue = note["userEditedTimestampUsec"];
        if (createdValue is null && editedValue is null)
        {
            sink.RejectRecord(RejectReason.MissingTime, "The note has neither a createdTimestampUsec nor a userEditedTimestampUsec; it was skipped.");
            return;
        }

        var created = JsonNodeFields.Integer(createdValue);
        var edited = JsonNodeFields.Integer(editedValue);
        if ((created ?? edited) is not { } micros || !Timestamps.TryFromEpoch(micros, EpochUnit.Microseconds, out var occurredAt))
        {
            var problem = UnusableTime.Of(createdValue ?? editedValue, createdValue is null ? "userEditedTimestampUsec" : "createdTimestampUsec");
            sink.RejectRecord(problem.Reason, $"The note has {problem.Description}; it was skipped.");
            return;
        }

        if (created is null)
        {
            sink.ReportWarning("The note has no createdTimestampUsec; its last edit time stands in for it.");
        }

        var title = JsonNodeFields.Text(note["title"]) ?? "";
        sink.AddRecord(new PersonalRecord
        {
            Kind = RecordKind.KeepNote,
            Identity = RecordIdentity.FromContent(micros, title),
            OccurredAt = occurredAt,
            Title = title.Length > 0 ? title : null,
            Text = items is null
                ? JsonNodeFields.Text(note["textContent"])
                : string.Join("\n", items.Select(item => JsonNodeFields.Text(item?["text"])).OfType<string>()),
            Source = note,
        });
    }
}
