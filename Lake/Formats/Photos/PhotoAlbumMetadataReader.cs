using System.Text;

namespace Datapunk.Lake.Formats.Photos;

/// <summary>
/// An album's <c>metadata.json</c> (localised: <c>métadonnées.json</c>, <c>Metadaten.json</c>, …):
/// {title, description, access, date}, older exports wrapped in <c>albumData</c>. It describes a
/// folder, not a photo, so it is recognised (the import must not call it unknown) and yields nothing.
/// </summary>
public sealed class PhotoAlbumMetadataReader : IExportFormatReader
{
    private static readonly string[] LocalisedNames = ["metadata.json", "métadonnées.json", "Metadaten.json", "metadatos.json", "metadati.json", "metadados.json"];

    public string FormatId => "google.photos.album-metadata";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = head.IndexOf("\"photoTakenTime\""u8) < 0
            && (head.IndexOf("\"albumData\""u8) >= 0
                || (head.IndexOf("\"title\""u8) >= 0 && head.IndexOf("\"access\""u8) >= 0 && head.IndexOf("\"date\""u8) >= 0));
        var name = LocalisedNames.Contains(sample.FileName.Normalize(NormalizationForm.FormC), StringComparer.OrdinalIgnoreCase);
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        sink.SetVariant("album-metadata");
        return Task.CompletedTask;
    }
}
