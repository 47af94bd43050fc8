using System.Globalization;
using Datapunk.Grains;

namespace Datapunk.Cli.Output;

/// <summary>The text of <c>datapunk imports delete</c>: what goes (or would go), what stays, and what is read again.</summary>
public static class ImportDeletionPrinter
{
    public static async Task WriteAsync(TextWriter output, ImportDeletion deletion)
    {
        var what = deletion.FileId is { } file ? $"file {file} of import {deletion.ImportId}" : $"import {deletion.ImportId}";
        await output.WriteLineAsync(deletion.Deleted ? $"Deleted what was stored from {what}:" : $"Deleting {what} would remove (nothing was changed):");
        var table = new TextTable("DATA", "ROWS").AlignRight(1);
        foreach (var (kind, rows) in deletion.Records)
        {
            table.Add(kind, Count(rows));
        }

        table.Add("embeddings", Count(deletion.Embeddings));
        table.WriteTo(output);
        foreach (var overlap in deletion.Overlapping)
        {
            await output.WriteLineAsync(overlap.Rereadable
                ? $"File {overlap.FileId} ({overlap.Path}) holds up to {Count(overlap.SharedRecords)} of these records: its kept original is read again, so its copies stay."
                : $"File {overlap.FileId} ({overlap.Path}) holds up to {Count(overlap.SharedRecords)} of these records, and they "
                    + (deletion.Deleted ? "were deleted too" : "would be lost") + $": {overlap.Reason}.");
        }

        if (deletion.RereadImportId is { } reread)
        {
            await output.WriteLineAsync($"Reading those originals again: import {reread} (datapunk imports lists it).");
        }

        foreach (var original in deletion.KeptOriginals)
        {
            await output.WriteLineAsync($"The kept original {original} stays (remove it with DELETE /api/v1/uploads/{original}).");
        }

        foreach (var model in deletion.Models)
        {
            await output.WriteLineAsync(
                $"Model {model.Kind} v{model.Version} ({model.Status}, data {model.DataFrom:yyyy-MM-dd}..{model.DataTo:yyyy-MM-dd}) was trained with data that "
                + (deletion.Deleted ? "is now gone" : "would go") + "; it stays until it is trained again.");
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
