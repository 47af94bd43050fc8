namespace Datapunk.Lake.Formats.DatapunkExport;

/// <summary>
/// The names that make up a Datapunk export (docs/data-model.md, "Export format"): a zip with one
/// JSON Lines file per kind of content and <see cref="ManifestPath"/>. Every data file opens with a
/// header line (<see cref="HeaderProperty"/>) saying what its lines are, and closes with an end line
/// (<see cref="EndProperty"/>) holding the number of lines between the two and the SHA-256 of every
/// byte before the end line: the same figures the manifest lists, so an importer that reads the
/// files one at a time can check each file against them.
/// </summary>
public static class DatapunkExportFormat
{
    /// <summary>The value of the manifest's <c>format</c> field.</summary>
    public const string Name = "datapunk-export";

    /// <summary>The version this code writes; readers accept this one and every earlier one.</summary>
    public const int Version = 1;

    public const string ManifestPath = "manifest.json";

    /// <summary>The property of a data file's first line: <c>{"datapunk_export":{"version":1,"content":"records","kind":"emails"}}</c>.</summary>
    public const string HeaderProperty = "datapunk_export";

    /// <summary>The property of a data file's last line: <c>{"datapunk_export_end":{"lines":12,"sha256":"…"}}</c>.</summary>
    public const string EndProperty = "datapunk_export_end";

    /// <summary>Records of one kind (user_data.records); the header names the kind.</summary>
    public const string RecordsContent = "records";

    /// <summary>Location fixes (timeseries.location_points).</summary>
    public const string LocationPointsContent = "location_points";

    /// <summary>The user's imports (imports.jobs).</summary>
    public const string ImportJobsContent = "import_jobs";

    /// <summary>Every file those imports read, with its outcome (imports.files).</summary>
    public const string ImportFilesContent = "import_files";

    /// <summary>Which stored file's records each imported file matched, by rule (imports.file_matches).</summary>
    public const string FileMatchesContent = "import_file_matches";

    /// <summary>The tables the user uploaded, their columns and sizes (user_data.user_tables).</summary>
    public const string UserTablesContent = "user_tables";

    /// <summary>The uploaded tables' rows, each with its table's name (user_data.user_table_rows).</summary>
    public const string UserTableRowsContent = "user_table_rows";

    /// <summary>The path of a data file in the archive.</summary>
    public static string PathOf(string content, string? kind) => content switch
    {
        RecordsContent => $"records/{kind ?? throw new ArgumentNullException(nameof(kind), "Records files are named by their kind.")}.jsonl",
        LocationPointsContent => "records/location_points.jsonl",
        UserTablesContent or UserTableRowsContent => $"tables/{content}.jsonl",
        _ => $"imports/{content}.jsonl",
    };
}
