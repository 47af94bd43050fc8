namespace Datapunk.Lake.Formats;

/// <summary>
/// Where a format reader sends what it reads from one entry. Implementations batch records into
/// staging; readers never see the database.
/// </summary>
public interface IImportSink
{
    /// <summary>The entry being read, for messages.</summary>
    string EntryPath { get; }

    void AddLocation(in LocationFix fix);

    void AddRecord(PersonalRecord record);

    /// <summary>A field the reader does not know in a file it does (schema drift), with an example value.</summary>
    void ReportUnknownField(string fieldPath, string example);

    /// <summary>
    /// A record the reader met and cannot store: counted under <paramref name="reason"/> in the
    /// report. <paramref name="message"/> says which record and where (a byte offset, a line, a row),
    /// as the first few examples of each reason are shown to the person.
    /// </summary>
    void RejectRecord(RejectReason reason, string message);

    /// <summary>
    /// A problem with the entry that is not a record refused: a field read differently than written,
    /// an unknown time zone, stray bytes between records, an empty placeholder.
    /// </summary>
    void ReportWarning(string message);

    /// <summary>The variant of the format this entry turned out to be (e.g. "records.json", "semantic-2019").</summary>
    void SetVariant(string variant);
}
