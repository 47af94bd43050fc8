using Datapunk.Lake.Formats.Contacts;
using Datapunk.Lake.Tests.Formats.TextCodecs;

namespace Datapunk.Lake.Tests.Formats.Contacts;

public sealed class VCardVersionsAndMalformedTests
{
    private readonly VCardReader _reader = new();

    [Fact]
    public async Task Reads_vcard_21_with_quoted_printable_legacy_charsets_bare_types_and_an_unindented_photo()
    {
        var bytes = Encoding.Latin1.GetBytes(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M=FCller;J=FCrgen\r\n"
            + "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=BCrgen M=C3=BC=\r\nller\r\n"
            + "TEL;HOME;VOICE:+49 30 123\r\nEMAIL;PREF;INTERNET:j@m.example\r\n"
            + "ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:;;Stra=DFe 1;Berlin;;10115;\r\n"
            + "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n/9j/4AAQSkZJRgABAQ\r\nAAAQABAAD/2wBDAA\r\n\r\nNOTE:ok\r\nEND:VCARD\r\n");

        var sink = await ReaderRuns.ReadAsync(_reader, bytes, bytesPerRead: 3);

        sink.Warnings.ShouldBeEmpty();
        sink.Variant.ShouldBe("vcard-2.1");
        var card = sink.Records.Single();
        card.Title.ShouldBe("Jürgen Müller");
        var source = card.Source!;
        ((string?)source["name"]!["family"]).ShouldBe("M=FCller", "CHARSET without ENCODING: the value is not quoted-printable");
        ReaderRuns.Json(source["phones"]).ShouldBe("""[{"value":"+49 30 123","types":["home","voice"],"label":null}]""");
        ReaderRuns.Json(source["emails"]).ShouldBe("""[{"value":"j@m.example","types":[],"label":null}]""");
        ((string?)source["addresses"]![0]!["street"]).ShouldBe("Straße 1");
        Strings(source["addresses"]![0]!["types"]).ShouldBe(["work"]);
        ((bool?)source["hasPhoto"]).ShouldBe(true);
        ((string?)source["notes"]).ShouldBe("ok", "the unindented base64 lines belong to the photo, not to a new property");
    }

    [Fact]
    public async Task Reads_vcard_40_uris_impp_and_photo_links()
    {
        const string vcf = "BEGIN:VCARD\nVERSION:4.0\nUID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\nFN:Ann Example\n"
            + "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-555-555-0100\nEMAIL;TYPE=work;PREF=1:mailto:ann@example.com\n"
            + "IMPP;PREF=1:xmpp:ann@jabber.example\nANNIVERSARY:20090808\nPHOTO:https://lh3.googleusercontent.com/a/x.jpg\nEND:VCARD";

        var card = (await ReaderRuns.ReadAsync(_reader, vcf)).Records.Single();

        card.Identity.ShouldBe("vcard:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
        var source = card.Source!;
        ReaderRuns.Json(source["phones"]).ShouldBe("""[{"value":"+1-555-555-0100","types":["voice","cell"],"label":null}]""");
        ((string?)source["emails"]![0]!["value"]).ShouldBe("ann@example.com");
        ReaderRuns.Json(source["ims"]).ShouldBe("""[{"service":"xmpp","value":"ann@jabber.example","label":null}]""");
        ReaderRuns.Json(source["dates"]).ShouldBe("""[{"date":"20090808","label":"Anniversary"}]""");
        ((string?)source["photoUrl"]).ShouldBe("https://lh3.googleusercontent.com/a/x.jpg");
    }

    [Fact]
    public async Task A_card_cut_off_by_the_end_of_the_file_is_rejected_as_truncated_with_its_offset()
    {
        const string good = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good\r\nEND:VCARD\r\n";

        var sink = await ReaderRuns.ReadAsync(_reader, good + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Of", bytesPerRead: 4);

        sink.Records.Select(r => r.Title).ShouldBe(["Good"]);
        sink.Rejections.ShouldBe([(RejectReason.Truncated, $"The card at byte {good.Length} is truncated: the file ends before its END:VCARD; it was skipped.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Open_and_empty_cards_are_rejected_and_stray_lines_are_warnings()
    {
        const string vcf = "BEGIN:VCARD\nFN:Open\nBEGIN:VCARD\nFN:Next\nno colon here\nEND:VCARD\nstray:line\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n";

        var sink = await ReaderRuns.ReadAsync(_reader, vcf);

        sink.Records.Select(r => r.Title).ShouldBe(["Next"]);
        sink.Rejections.ShouldBe(
        [
            (RejectReason.Truncated, "The card at byte 0 has no END:VCARD before the next card at byte 20; it was skipped."),
            (RejectReason.MissingField, "The card at byte 85 has no name, address, number or note and was skipped."),
        ]);
        sink.Warnings.ShouldBe(
        [
            "The line at byte 40 is not a vCard content line and was skipped: 'no colon here'.",
            "The line at byte 64 is outside any card and was skipped: 'STRAY:line'.",
            "END:VCARD at byte 75 closes no card and was ignored.",
        ]);
    }

    [Fact]
    public async Task A_file_that_is_not_a_vcard_is_an_error_with_the_offset()
    {
        var error = await Should.ThrowAsync<ExportFormatException>(() => ReaderRuns.ReadAsync(_reader, "name,email\nBob,bob@x\n"));

        error.ByteOffset.ShouldBe(0);
    }

    private static List<string?> Strings(System.Text.Json.Nodes.JsonNode? array) => [.. array!.AsArray().Select(n => (string?)n)];
}
