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

    /// <summary>A problem with part of the entry that did not stop it (a skipped malformed element).</summary>
    void ReportWarning(string message);

    /// <summary>The variant of the format this entry turned out to be (e.g. "records.json", "semantic-2019").</summary>
    void SetVariant(string variant);
}
