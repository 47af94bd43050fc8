using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// The mark of a record removed at its live source (<c>removed_at_source</c>, <c>removed_reason</c> of
/// <c>user_data.records</c>, written by the Stream's SourceMarkWriter) as the readers show and count it:
/// the two columns to select, the <see cref="SourceRemoval"/> they read as, and the condition that leaves
/// out what did not happen.
/// </summary>
public static class SourceRemovals
{
    /// <summary>The mark's two columns of the records aliased <paramref name="records"/>, to select and read with <see cref="Read"/>.</summary>
    public static string Columns(string records) => $"{records}.removed_at_source, {records}.removed_reason";

    /// <summary>
    /// Holds for a record of <paramref name="records"/> that counts as having happened: every record but a
    /// calendar event cancelled or deleted at its source. A mail deleted at Gmail was still received.
    /// </summary>
    public static string Happened(string records) =>
        $"({records}.kind <> {(short)RecordKind.CalendarEvent} OR {records}.removed_at_source IS NULL)";

    /// <summary>The mark of the row whose <see cref="Columns"/> start at <paramref name="column"/>, or null.</summary>
    public static SourceRemoval? Read(NpgsqlDataReader row, int column) =>
        StoredTime.Of(row, column) is { } at ? new SourceRemoval(at, row.IsDBNull(column + 1) ? "" : row.GetString(column + 1)) : null;
}
