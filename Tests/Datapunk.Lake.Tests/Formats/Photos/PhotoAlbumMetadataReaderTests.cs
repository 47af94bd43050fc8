using Datapunk.Lake.Formats.Photos;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Photos;

public sealed class PhotoAlbumMetadataReaderTests
{
    private readonly PhotoAlbumMetadataReader _reader = new();

    [Theory]
    [InlineData("Google Photos/Paris 2023/metadata.json")]
    [InlineData("Google Photos/Vacances à Nice/métadonnées.json")]
    [InlineData("Google Fotos/Urlaub 2018/Metadaten.json")]
    public async Task Recognises_localised_album_metadata_and_yields_nothing(string fixture)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "google.photos.album-metadata", fixture);
        FormatHarness.Detect(_reader, "Takeout/" + fixture, File.ReadAllText(path)).ShouldBe(FormatMatch.ByContentAndName);

        var sink = await FormatHarness.ReadAsync(_reader, File.ReadAllText(path), "Takeout/" + fixture, bytesPerRead: 3);

        sink.Records.ShouldBeEmpty();
        sink.Locations.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
        sink.Variant.ShouldBe("album-metadata");
    }

    [Fact]
    public void Detects_by_the_album_keys_whatever_the_file_is_called_and_never_a_photo_sidecar()
    {
        FormatHarness.Detect(_reader, "Takeout/Google Photos/Ferie/metadati-album.json", """{"title":"Ferie","description":"","access":"protected","date":{"timestamp":"1"}}""")
            .ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Google Photos/Ferie/metadata.json", "{}").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Google Photos/Ferie/a.jpg.json", """{"title":"a.jpg","access":"x","date":{},"photoTakenTime":{}}""")
            .ShouldBe(FormatMatch.None);
    }
}
