using System.Text.Json;
using System.Text.Json.Serialization;

namespace Datapunk.Lake.Formats.DatapunkExport;

/// <summary>
/// <c>manifest.json</c> of a Datapunk export: what it is, whose, when, and every data file with its
/// content, line count and checksum (<see cref="DatapunkExportFormat"/>).
/// </summary>
public sealed record ExportManifest(string Format, int Version, string User, DateTimeOffset ExportedAt, IReadOnlyList<ExportManifestFile> Files)
{
    /// <summary>True for an export to share, whose text values had their personal identifiers masked; absent otherwise.</summary>
    public bool? PiiMasked { get; init; }

    /// <summary>snake_case names, indented: the manifest is meant to be read by people too.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>One data file of an export.</summary>
/// <param name="Path">Its path in the archive.</param>
/// <param name="Content">What its lines are (<see cref="DatapunkExportFormat.RecordsContent"/>, …).</param>
/// <param name="Kind">The record kind of a records file (user_data.record_kinds' name); null for the others.</param>
/// <param name="Records">Lines between the header and the end line: one per row.</param>
/// <param name="Bytes">The file's length, end line included.</param>
/// <param name="Sha256">SHA-256 (lower-case hex) of every byte before the end line, as the end line repeats it.</param>
public sealed record ExportManifestFile(string Path, string Content, string? Kind, long Records, long Bytes, string Sha256);
