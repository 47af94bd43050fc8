using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Contacts;
using Datapunk.Lake.Tests.Formats.TextCodecs;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Contacts;

public sealed class VCardReaderTests
{
    private static readonly string[] FixturePath = ["google.contacts.vcf", "Contacts", "My Contacts", "My Contacts.vcf"];

    private readonly VCardReader _reader = new();

    [Fact]
    public async Task Emits_one_contact_per_card_with_titles_and_identities()
    {
        var sink = await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath));

        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty();
        sink.Variant.ShouldBe("vcard-3.0");
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.Contact && r.OccurredAt == null);
        sink.Records.Select(r => (r.Title, r.Identity)).ShouldBe(
        [
            ("Dr. Erika Mustermann", RecordIdentity.FromContent(
                "Dr. Erika Mustermann", "e.mustermann@uni-muenchen.example,erika@example.com", "+491701234567,+49891234560,089765432")),
            ("Bob", "vcard:c0ffee00-1234-4abc-9def-001122334455"),
            ("Thị Nguyễn", RecordIdentity.FromContent("Thị Nguyễn", "", "0305550101")),
            ("Pizzeria Napoli", RecordIdentity.FromContent("Pizzeria Napoli", "", "+49305550199")),
            ("Zoë Zander", RecordIdentity.FromContent("Zoë Zander", "zoe.zander@gmail.com,zoe@zander.example", "+15550100")),
        ]);
    }

    [Fact]
    public async Task Keeps_labelled_emails_phones_addresses_and_the_rest_as_structured_source()
    {
        var erika = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records[0];
        var source = erika.Source!;

        ReaderRuns.Json(source["name"]).ShouldBe("""{"family":"Mustermann","given":"Erika","additional":"Maria","prefix":"Dr.","suffix":null}""");
        Strings(source["nicknames"]).ShouldBe(["Riki"]);
        ReaderRuns.Json(source["phonetic"]).ShouldBe("""{"given":"Eh-ree-ka","family":"Moos-ter-mann"}""");
        ReaderRuns.Json(source["emails"]).ShouldBe(
            """[{"value":"erika@example.com","types":["home"],"label":null},{"value":"e.mustermann@uni-muenchen.example","types":[],"label":"Uni"}]""");
        ReaderRuns.Json(source["phones"]).ShouldBe(
            """[{"value":"+49 170 1234567","types":["cell"],"label":null},{"value":"+49 89 123456-0","types":["work","voice"],"label":null},"""
            + """{"value":"089 765432","types":[],"label":"Oma"}]""");
        var addresses = source["addresses"]!.AsArray();
        addresses.Count.ShouldBe(2);
        ((string?)addresses[0]!["street"]).ShouldBe("Heidestraße 17\nHinterhaus");
        ((string?)addresses[0]!["locality"]).ShouldBe("Köln");
        Strings(addresses[0]!["types"]).ShouldBe(["home"]);
        ReaderRuns.Json(addresses[1]).ShouldBe(
            """{"poBox":null,"extended":null,"street":"Leopoldstr. 1, 3. Stock","locality":"München","region":null,"postalCode":"80802","country":"Germany","types":[],"label":"Lab"}""");
        ReaderRuns.Json(source["ims"]).ShouldBe(
            """[{"service":"gtalk","value":"erika.mustermann@gmail.com","label":null},{"service":"skype","value":"erika.m","label":null}]""");
        ReaderRuns.Json(source["org"]).ShouldBe("""{"name":"Ludwig-Maximilians-Universität","units":["Institut für Informatik"]}""");
        ((string?)source["title"]).ShouldBe("Professorin");
        ((string?)source["birthday"]).ShouldBe("1964-08-12");
        ReaderRuns.Json(source["dates"]).ShouldBe("""[{"date":"1990-06-02","label":"Anniversary"}]""");
        ReaderRuns.Json(source["related"]).ShouldBe("""[{"name":"Max Mustermann","label":"Spouse"}]""");
        ReaderRuns.Json(source["urls"]).ShouldBe("""[{"value":"https://erika.example.com/about","label":"PROFILE"}]""");
        Strings(source["categories"]).ShouldBe(["myContacts", "starred"]);
        ((string?)source["notes"]).ShouldBe("Met at the conference in Zürich; talked about SQL, Orleans and coffee.\nLikes: Käsekuchen");
        ((bool?)source["hasPhoto"]).ShouldBe(true);
        source.ToJsonString().ShouldNotContain("AB8+XXyb", Case.Sensitive, "photo bytes are not kept");
    }

    [Fact]
    public async Task Makes_contacts_searchable_by_name_org_addresses_numbers_and_notes()
    {
        var records = (await ReaderRuns.ReadAsync(_reader, ReaderRuns.Fixture(FixturePath))).Records;

        records[3].Text.ShouldBe("Pizzeria Napoli\n+49 30 5550199\nOrder number 42");
        records[4].Text.ShouldBe("Zoë Zander\nzoe@zander.example\nZoe.Zander@gmail.com\n+1 555 0100");
        records[0].Text!.ShouldContain("Leopoldstr. 1, 3. Stock, München, 80802, Germany");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task A_trickling_stream_gives_the_same_records(int bytesPerRead)
    {
        var bytes = ReaderRuns.Fixture(FixturePath);

        var trickled = await ReaderRuns.ReadAsync(_reader, bytes, bytesPerRead);

        ReaderRuns.Snapshot(trickled).ShouldBe(ReaderRuns.Snapshot(await ReaderRuns.ReadAsync(_reader, bytes)));
    }

    [Fact]
    public void Detects_vcards_by_their_first_line_and_by_name()
    {
        FormatHarness.Detect(_reader, "Takeout/Contacts/My Contacts/My Contacts.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\n").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Google Kontakte/Alle/Alle", "\uFEFFbegin:vcard\n").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Contacts/empty.vcf", "").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Calendar/a.ics", "BEGIN:VCALENDAR\r\n").ShouldBe(FormatMatch.None);
    }

    [Fact]
    public async Task Reads_the_shared_gmail_vcard_samples_exactly()
    {
        var list = FormatHarness.SharedSample("ez-vcard/Takeout/Contacts/My Contacts/gmail-list.vcf");
        var single = FormatHarness.SharedSample("ez-vcard/Takeout/Contacts/My Contacts/gmail-single.vcf");
        Assert.SkipWhen(list is null || single is null, "the shared takeout samples are not beside this checkout");

        var listed = await FormatHarness.ReadFileAsync(_reader, list!);
        listed.Warnings.ShouldBeEmpty();
        listed.Records.Select(r => r.Title).ShouldBe(["Arnold Smith", "Chris Beatle", "Doug White"]);
        ((string?)listed.Records[2].Source!["emails"]![0]!["value"]).ShouldBe("dwhite@gmail.com", "the last card has no trailing newline");

        var greg = (await FormatHarness.ReadFileAsync(_reader, single!)).Records.Single();
        greg.Title.ShouldBe("Greg Dartmouth");
        var source = greg.Source!;
        ReaderRuns.Json(source["phones"]).ShouldBe(
            """[{"value":"555 555 1111","types":["cell"],"label":null},{"value":"555 555 2222","types":[],"label":"GRAND_CENTRAL"}]""");
        ((string?)source["addresses"]![0]!["street"]).ShouldBe("123 Home St\nHome City, HM 12345");
        ((string?)source["addresses"]![1]!["label"]).ShouldBe("CustomAdrType");
        ReaderRuns.Json(source["ims"]).ShouldBe("""[{"service":"icq","value":"123456789","label":null}]""");
        ReaderRuns.Json(source["urls"]).ShouldBe("""[{"value":"http://TheProfile.com","label":"PROFILE"}]""");
        ReaderRuns.Json(source["dates"]).ShouldBe("""[{"date":"1970-06-02","label":"Anniversary"}]""");
        ReaderRuns.Json(source["related"]).ShouldBe("""[{"name":"MySpouse","label":"Spouse"},{"name":"MyCustom","label":"CustomRelationship"}]""");
        ((string?)source["notes"]).ShouldBe("This is GMail's note field.\nIt should be added as a NOTE type.\nACustomField: CustomField");
    }

    private static List<string?> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string?)n)];
}
