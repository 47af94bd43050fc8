using System.Text.Json;
using Datapunk.Grains;

namespace Datapunk.Cli.Output;

/// <summary>
/// The one JSON object <c>datapunk import --json</c> prints (docs/import.md, "Command line"): the
/// import's id, status, files by outcome, distinct new records by kind, duplicates, the records that
/// matched stored ones by rule, the records rejected by reason, unknown fields, per-file errors,
/// seconds and the silo's peak memory.
/// </summary>
public sealed record ImportReportJson(
    Guid ImportId,
    string Status,
    ImportReportJson.FileCounts Files,
    IReadOnlyDictionary<string, long> Records,
    long Duplicates,
    IReadOnlyDictionary<string, long> Matched,
    IReadOnlyDictionary<string, long> RejectedRecords,
    long UnknownFields,
    IReadOnlyList<ImportReportJson.FileError> Errors,
    double Seconds,
    long PeakMemoryBytes,
    string? Message)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // "message" only says why an import failed or was cancelled; a completed one has none.
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // Paths and messages stay readable ('…' and non-ASCII names unescaped); the output is still valid JSON.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ImportReportJson From(ImportProgress progress) => new(
        progress.ImportId,
        progress.Status.ToString(),
        new FileCounts(
            progress.Files.Total ?? progress.Files.Done, progress.Files.Imported, progress.Files.Skipped, progress.Files.Failed,
            progress.Files.Unchanged, progress.Files.Rejected),
        progress.Records,
        progress.Duplicates,
        progress.Matched,
        progress.RejectedRecords,
        progress.UnknownFields,
        [.. progress.Errors.Select(error => new FileError(error.File, error.Message))],
        progress.Seconds,
        progress.PeakMemoryBytes,
        progress.Message);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Files by outcome; unchanged (already imported) and rejected (unsafe name) are counted beside the contract's four.</summary>
    public sealed record FileCounts(long Total, long Imported, long Skipped, long Failed, long Unchanged, long Rejected);

    public sealed record FileError(string File, string Message);
}
