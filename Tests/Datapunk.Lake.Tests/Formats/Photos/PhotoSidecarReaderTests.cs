using Datapunk.Lake.Formats.Photos;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Photos;

public sealed class PhotoSidecarReaderTests
{
    private const string Fixtures = "google.photos.sidecar/Google Photos/";

    private readonly PhotoSidecarReader _reader = new();

    [Fact]
    public async Task Reads_a_sidecar_with_string_numbers_location_people_and_an_escaped_url()
    {
        var sink = await ReadFixtureAsync("Photos from 2023/IMG_20231006_063000.jpg.json");

        var photo = sink.Records.ShouldHaveSingleItem();
        photo.Kind.ShouldBe(RecordKind.Photo);
        photo.Identity.ShouldBe(RecordIdentity.FromContentV2("google.photos", "IMG_20231006_063000.jpg", photo.OccurredAt));
        photo.OccurredAt.ShouldBe(new DateTime(2023, 10, 6, 6, 30, 0, DateTimeKind.Utc));
        photo.Title.ShouldBe("IMG_20231006_063000.jpg");
        photo.Text.ShouldBe("Sunrise from the Trocadéro\nAlice Martin, Bob");
        photo.Url.ShouldBe("https://photos.google.com/photo/AF1QipN=-example-1");
        (photo.LatitudeE7, photo.LongitudeE7).ShouldBe((488615811, 22893921));
        photo.Source!["mediaPath"]!.GetValue<string>().ShouldBe("Takeout/Google Photos/Photos from 2023/IMG_20231006_063000.jpg");
        photo.Source!["imageViews"]!.GetValue<string>().ShouldBe("12");
        sink.Variant.ShouldBe("sidecar");
        sink.UnknownFields.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Takes_the_exif_location_when_geo_data_is_zero_zero()
    {
        var sink = await ReadFixtureAsync("Photos from 2024/PXL_20240512_101530123.jpg.supplemental-metadata.json");

        var photo = sink.Records.ShouldHaveSingleItem();
        (photo.LatitudeE7, photo.LongitudeE7).ShouldBe((473686498, 85391825));
        photo.Text.ShouldBeNull("an empty description and no people give no text");
        photo.Source!["mediaPath"]!.GetValue<string>().ShouldBe("Takeout/Google Photos/Photos from 2024/PXL_20240512_101530123.jpg");
        sink.Variant.ShouldBe("supplemental-metadata");
    }

    [Fact]
    public async Task Zero_zero_everywhere_means_no_location()
    {
        var sink = await ReadFixtureAsync("Paris 2023/DSC_0238.JPG(1).json");

        var photo = sink.Records.ShouldHaveSingleItem();
        photo.LatitudeE7.ShouldBeNull();
        photo.LongitudeE7.ShouldBeNull();
        photo.Source!["mediaPath"]!.GetValue<string>().ShouldBe("Takeout/Google Photos/Paris 2023/DSC_0238(1).JPG");
    }

    [Fact]
    public async Task Restores_a_truncated_media_name_from_the_title()
    {
        var truncated = await ReadFixtureAsync("Photos from 2019/IMG_20190812_123456789_HDR_long_name_birthday_.json");
        var cutSuffix = await ReadFixtureAsync("Photos from 2024/Screenshot_20240301-101010_Maps.jpg.supplement.json");

        var photo = truncated.Records.ShouldHaveSingleItem();
        photo.Source!["mediaPath"]!.GetValue<string>().ShouldBe("Takeout/Google Photos/Photos from 2019/IMG_20190812_123456789_HDR_long_name_birthday_party.jpg");
        (photo.LatitudeE7, photo.LongitudeE7).ShouldBe((-338567844, 1512131080));
        photo.Text.ShouldBe("Charlie");
        cutSuffix.Records.ShouldHaveSingleItem().Source!["mediaPath"]!.GetValue<string>()
            .ShouldBe("Takeout/Google Photos/Photos from 2024/Screenshot_20240301-101010_Maps.jpg");
        cutSuffix.Variant.ShouldBe("supplemental-metadata");
    }

    [Theory]
    [InlineData("Takeout/Google Photos/Photos from 2020/IMG_1.jpg.json", "IMG_1.jpg", "Takeout/Google Photos/Photos from 2020/IMG_1.jpg")]
    [InlineData("Takeout/Google Photos/Photos from 2020/IMG_1.jpg.supplemental-metadata.json", "IMG_1.jpg", "Takeout/Google Photos/Photos from 2020/IMG_1.jpg")]
    [InlineData("Takeout/Google Photos/Photos from 2020/DSC_0238.JPG(1).json", "DSC_0238.JPG", "Takeout/Google Photos/Photos from 2020/DSC_0238(1).JPG")]
    [InlineData("Takeout/Google Photos/Photos from 2020/DSC_0238.JPG.supplemental-metadata(2).json", "DSC_0238.JPG", "Takeout/Google Photos/Photos from 2020/DSC_0238(2).JPG")]
    [InlineData("Takeout/Google Photos/Photos from 2020/VID_20200101_000000000.mp4.suppl.json", "VID_20200101_000000000.mp4", "Takeout/Google Photos/Photos from 2020/VID_20200101_000000000.mp4")]
    [InlineData("Takeout/Google Photos/Photos from 2020/Screenshot_20200101-120000_Some_Long_App.s.json", "Screenshot_20200101-120000_Some_Long_App.png", "Takeout/Google Photos/Photos from 2020/Screenshot_20200101-120000_Some_Long_App.png")]
    [InlineData("Takeout/Google Photos/Photos from 2020/IMG_20190812_123456789_HDR_long_name_birthday..json", "IMG_20190812_123456789_HDR_long_name_birthday.jpg", "Takeout/Google Photos/Photos from 2020/IMG_20190812_123456789_HDR_long_name_birthday.jpg")]
    [InlineData("Takeout/Google Photos/Photos from 2020/IMG_1.json", "IMG_1.HEIC", "Takeout/Google Photos/Photos from 2020/IMG_1.HEIC")]
    [InlineData("Takeout/Google Photos/Photos from 2020/notes.txt.json", "Renamed in Photos.jpg", "Takeout/Google Photos/Photos from 2020/notes.txt")]
    public async Task Finds_the_media_file_of_every_sidecar_naming_variant(string sidecarPath, string title, string mediaPath)
    {
        var json = $$$"""{"title":"{{{title}}}","photoTakenTime":{"timestamp":"1577836800","formatted":"Jan 1, 2020"}}""";

        var sink = await FormatHarness.ReadAsync(_reader, json, sidecarPath);

        sink.Records.ShouldHaveSingleItem().Source!["mediaPath"]!.GetValue<string>().ShouldBe(mediaPath);
    }

    [Fact]
    public async Task The_same_photo_in_an_album_and_a_year_folder_has_one_identity()
    {
        var json = File.ReadAllText(Fixture("Photos from 2023/IMG_20231006_063000.jpg.json"));

        var year = await FormatHarness.ReadAsync(_reader, json, "Takeout/Google Photos/Photos from 2023/IMG_20231006_063000.jpg.json");
        var album = await FormatHarness.ReadAsync(_reader, json, "Takeout/Google Photos/Paris 2023/IMG_20231006_063000.jpg.json");

        album.Records[0].Identity.ShouldBe(year.Records[0].Identity);
        album.Records[0].Source!["mediaPath"]!.GetValue<string>().ShouldBe("Takeout/Google Photos/Paris 2023/IMG_20231006_063000.jpg");
    }

    [Theory]
    [InlineData("DSC_0238.JPG.json", "DSC_0238.JPG(1).json", "DSC_0238(1).JPG")]
    [InlineData("DSC_0238.JPG.supplemental-metadata.json", "DSC_0238.JPG.supplemental-metadata(1).json", "DSC_0238(1).JPG")]
    public async Task A_duplicates_sidecar_with_the_same_title_and_time_is_another_photo(string original, string duplicate, string duplicateMedia)
    {
        const string folder = "Takeout/Google Photos/Photos from 2020/";
        const string json = """{"title":"DSC_0238.JPG","photoTakenTime":{"timestamp":"1577836800","formatted":"Jan 1, 2020"}}""";

        var first = (await FormatHarness.ReadAsync(_reader, json, folder + original)).Records.ShouldHaveSingleItem();
        var second = (await FormatHarness.ReadAsync(_reader, json, folder + duplicate)).Records.ShouldHaveSingleItem();

        first.Source!["mediaPath"]!.GetValue<string>().ShouldBe(folder + "DSC_0238.JPG");
        second.Source!["mediaPath"]!.GetValue<string>().ShouldBe(folder + duplicateMedia);
        first.Identity.ShouldBe(RecordIdentity.FromContentV2("google.photos", "DSC_0238.JPG", first.OccurredAt));
        second.Identity.ShouldBe(RecordIdentity.FromContentV2("google.photos", duplicateMedia, second.OccurredAt));
        second.Identity.ShouldNotBe(first.Identity, $"{duplicate} describes {duplicateMedia}, not DSC_0238.JPG");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Reads_the_same_when_the_stream_trickles(int bytesPerRead)
    {
        const string name = "Photos from 2023/IMG_20231006_063000.jpg.json";
        var whole = await ReadFixtureAsync(name);

        var trickled = await ReadFixtureAsync(name, bytesPerRead);

        FormatHarness.ShouldReadTheSame(trickled, whole);
    }

    [Fact]
    public async Task Reports_unknown_fields_once_and_keeps_them_in_source()
    {
        const string json = """{"title":"a.jpg","photoTakenTime":{"timestamp":"1577836800"},"aiLabels":["cat"],"cameraModel":"Pixel 8"}""";

        var sink = await FormatHarness.ReadAsync(_reader, "\uFEFF" + json, "Takeout/Google Photos/Photos from 2020/a.jpg.json");

        sink.UnknownFields.ShouldBe([("$.aiLabels", "[…]"), ("$.cameraModel", "Pixel 8")]);
        sink.Records.ShouldHaveSingleItem().Source!["cameraModel"]!.GetValue<string>().ShouldBe("Pixel 8");
    }

    [Fact]
    public async Task Broken_sidecars_fail_with_the_byte_offset()
    {
        const string path = "Takeout/Google Photos/Photos from 2020/a.jpg.json";

        var unclosed = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, "\uFEFF{\"title\":\"a.jpg\",\n  \"photoTakenTime\": {\"timestamp\": 1577836800", path));
        var notAnObject = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, "  [1, 2]", path));

        unclosed.ByteOffset.ShouldBe(65, "the end of the 62-byte document, counted after the 3-byte BOM");
        notAnObject.ByteOffset.ShouldBe(2);
    }

    [Fact]
    public async Task A_sidecar_without_any_time_is_rejected_as_missing_time()
    {
        var sink = await FormatHarness.ReadAsync(_reader, """{"title":"a.jpg","imageViews":"1"}""", "Takeout/Google Photos/Photos from 2020/a.jpg.json");

        sink.Records.ShouldBeEmpty();
        sink.Rejections.ShouldBe([(RejectReason.MissingTime, "The sidecar has neither a photoTakenTime nor a creationTime; it was skipped.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_sidecar_whose_times_do_not_read_is_rejected_as_unreadable_time()
    {
        const string json = """{"title":"a.jpg","photoTakenTime":{"timestamp":"-5"},"creationTime":{"timestamp":"later"}}""";

        var sink = await FormatHarness.ReadAsync(_reader, json, "Takeout/Google Photos/Photos from 2020/a.jpg.json");

        sink.Records.ShouldBeEmpty();
        sink.Rejections.ShouldBe([(RejectReason.UnreadableTime, "The sidecar has an unreadable photoTakenTime (\"-5\"); it was skipped.")]);
    }

    [Fact]
    public void Detects_sidecars_by_their_keys_and_album_metadata_not_at_all()
    {
        FormatHarness.Detect(_reader, "Takeout/Google Photos/Photos from 2020/a.jpg.json", """{"title":"a.jpg","photoTakenTime":{}}""").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Google Fotos/Fotos von 2020/a.jpg.json", "{}").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/anything.json", """{"title":"a.jpg","photoTakenTime":{}}""").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Google Photos/Paris/metadata.json", """{"title":"Paris","access":"protected","date":{}}""").ShouldBe(FormatMatch.None);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixtures + name);

    private Task<CollectingSink> ReadFixtureAsync(string name, int bytesPerRead = 4096) =>
        FormatHarness.ReadAsync(_reader, File.ReadAllText(Fixture(name)), "Takeout/Google Photos/" + name, bytesPerRead);
}
