using Datapunk.Lake.Formats.DatapunkExport;

namespace Datapunk.Users.Privacy;

/// <summary>
/// One data file of an export and the query that fills it; $1 is the user id, and every query
/// runs inside the user's row-level security scope as well. Column names are the files' field names.
/// </summary>
internal sealed record ExportedContent(string Content, string? Kind, string Sql, object[] Parameters)
{
    /// <summary>Location fixes, every column but the user's id (the position is lat_e7 and lng_e7).</summary>
    public static ExportedContent LocationPoints { get; } = new(DatapunkExportFormat.LocationPointsContent, null, """
        SELECT time, lat_e7, lng_e7, accuracy_m, altitude_m, velocity_mps, heading, source, coord_digits, time_digits, device, file_id
        FROM timeseries.location_points WHERE user_id = $1
        """, []);

    /// <summary>The user's imports, oldest first.</summary>
    public static ExportedContent ImportJobs { get; } = new(DatapunkExportFormat.ImportJobsContent, null, """
        SELECT import_id, status, paths, created_at, started_at, finished_at, summary
        FROM imports.jobs WHERE user_id = $1 ORDER BY created_at, import_id
        """, []);

    /// <summary>Every file those imports read: what each record's file_id points to.</summary>
    public static ExportedContent ImportFiles { get; } = new(DatapunkExportFormat.ImportFilesContent, null, """
        SELECT file_id, import_id, entry_key, source, path, format_id, variant, status, encode(content_hash, 'hex') AS content_sha256,
               bytes, counts, error, started_at, finished_at
        FROM imports.files WHERE user_id = $1 ORDER BY file_id
        """, []);

    /// <summary>Lineage: records of one file that matched those stored from another, by rule.</summary>
    public static ExportedContent FileMatches { get; } = new(DatapunkExportFormat.FileMatchesContent, null, """
        SELECT file_id, chunk_no, matched_file_id, rule, records
        FROM imports.file_matches WHERE user_id = $1 ORDER BY file_id, chunk_no, matched_file_id
        """, []);

    /// <summary>The tables the user uploaded, by name, with their columns (docs/catalog.md, "Uploaded tables").</summary>
    public static ExportedContent UserTables { get; } = new(DatapunkExportFormat.UserTablesContent, null, """
        SELECT name, file_name, format, columns, row_count, byte_count, created_at, updated_at
        FROM user_data.user_tables WHERE user_id = $1 ORDER BY name
        """, []);

    /// <summary>Every row of those tables, by table name and row number; the values as stored, keyed by column.</summary>
    public static ExportedContent UserTableRows { get; } = new(DatapunkExportFormat.UserTableRowsContent, null, """
        SELECT t.name AS table_name, r.row_number, r.row_values
        FROM user_data.user_table_rows r JOIN user_data.user_tables t USING (table_id)
        WHERE r.user_id = $1 ORDER BY t.name, r.row_number
        """, []);

    /// <summary>The records of one kind (a kind of user_data.record_kinds), by time; the position as degrees.</summary>
    public static ExportedContent Records(short kind, string kindName) => new(DatapunkExportFormat.RecordsContent, kindName, """
        SELECT $3::text AS kind, identity, occurred_at, ended_at, title, body, url,
               ST_Y(position::geometry) AS latitude, ST_X(position::geometry) AS longitude, source, file_id
        FROM user_data.records WHERE user_id = $1 AND kind = $2
        ORDER BY occurred_at, identity
        """, [kind, kindName]);
}
