using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Fallback;

/// <summary>A stored record as a citation: the records API's kind and id, its time in the user's zone, its format.</summary>
public static class RecordCitations
{
    public static AnswerCitation From(StoredRecord record, LocalCalendar calendar) => new(
        record.Id,
        record.Kind,
        record.OccurredAt,
        record.OccurredAt is { } at ? calendar.ToLocal(at.UtcDateTime) : null,
        record.Title,
        record.Provenance?.Format,
        record.Position);
}
