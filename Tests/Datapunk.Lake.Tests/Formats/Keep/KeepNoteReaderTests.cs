using Datapunk.Lake.Formats.Keep;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Keep;

public sealed class KeepNoteReaderTests
{
    private readonly KeepNoteReader _reader = new();

    [Fact]
    public async Task Reads_a_checklist_as_its_items_one_per_line()
    {
        var sink = await ReadFixtureAsync("Groceries.json");

        var note = sink.Records.ShouldHaveSingleItem();
        note.Kind.ShouldBe(RecordKind.KeepNote);
        note.Identity.ShouldBe(RecordIdentity.FromContent(1690372692755000L, "Groceries"));
        note.OccurredAt.ShouldBe(new DateTime(2023, 7, 26, 11, 58, 12, 755, DateTimeKind.Utc));
        note.Title.ShouldBe("Groceries");
        note.Text.ShouldBe("Oat milk\nTomatoes & basil\nCoffee");
        note.Source!["listContent"]![0]!["isChecked"]!.GetValue<bool>().ShouldBeTrue();
        note.Source!["labels"]!.AsArray().Select(label => label!["name"]!.GetValue<string>()).ShouldBe(["Home", "Shopping"]);
        sink.Variant.ShouldBe("list-note");
        sink.UnknownFields.ShouldBeEmpty();
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_a_text_note_with_attachments_and_annotations()
    {
        var sink = await ReadFixtureAsync("Trip ideas.json");

        var note = sink.Records.ShouldHaveSingleItem();
        note.Text.ShouldBe("Lisbon in October?\nTram 28 early, before the crowds.\n\nPastéis de Belém");
        note.Source!["attachments"]![0]!["filePath"]!.GetValue<string>().ShouldBe("1690514572032.76900194.png");
        note.Source!["isArchived"]!.GetValue<bool>().ShouldBeTrue();
        sink.Variant.ShouldBe("text-note");
        sink.UnknownFields.ShouldBeEmpty();
    }

    [Fact]
    public async Task Keeps_an_untitled_trashed_note_flagged()
    {
        var sink = await ReadFixtureAsync("2023-07-27T14_13_12.345+02_00.json");

        var note = sink.Records.ShouldHaveSingleItem();
        note.Title.ShouldBeNull();
        note.Identity.ShouldBe(RecordIdentity.FromContent(1690459992345000L, ""));
        note.OccurredAt.ShouldBe(new DateTime(2023, 7, 27, 12, 13, 12, 345, DateTimeKind.Utc));
        note.Source!["isTrashed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Editing_the_text_keeps_the_identity_and_retitling_changes_it()
    {
        const string original = """{"title":"Ideas","textContent":"one","createdTimestampUsec":1690000000000000,"userEditedTimestampUsec":1690000000000000}""";

        var first = await FormatHarness.ReadAsync(_reader, original, "Takeout/Keep/Ideas.json");
        var edited = await FormatHarness.ReadAsync(_reader, original.Replace("\"one\"", "\"one, two\"").Replace("1690000000000000}", "1700000000000000}"), "Takeout/Keep/Ideas.json");
        var retitled = await FormatHarness.ReadAsync(_reader, original.Replace("\"Ideas\"", "\"Plans\""), "Takeout/Keep/Plans.json");

        edited.Records[0].Identity.ShouldBe(first.Records[0].Identity);
        retitled.Records[0].Identity.ShouldNotBe(first.Records[0].Identity);
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
        var whole = await ReadFixtureAsync("Groceries.json");

        var trickled = await ReadFixtureAsync("Groceries.json", bytesPerRead);

        FormatHarness.ShouldReadTheSame(trickled, whole);
    }

    [Fact]
    public async Task Reports_unknown_fields_once_per_path()
    {
        const string json = """
            {"title":"t","createdTimestampUsec":1690000000000000,"reminder":{"at":"x"},
             "listContent":[{"text":"a","isChecked":false,"indent":1},{"text":"b","isChecked":false,"indent":2}]}
            """;

        var sink = await FormatHarness.ReadAsync(_reader, json, "Takeout/Keep/t.json");

        sink.UnknownFields.ShouldBe([("$.reminder", "{…}"), ("$.listContent[].indent", "1")]);
        sink.Records.ShouldHaveSingleItem().Text.ShouldBe("a\nb");
    }

    [Fact]
    public async Task A_note_with_only_an_edit_time_is_kept_with_a_warning_and_one_without_times_is_rejected()
    {
        var editedOnly = await FormatHarness.ReadAsync(_reader, """{"title":"t","textContent":"x","userEditedTimestampUsec":1618528050144000}""", "Takeout/Keep/t.json");
        var timeless = await FormatHarness.ReadAsync(_reader, """{"title":"t","textContent":"x"}""", "Takeout/Keep/t.json");

        editedOnly.Records.ShouldHaveSingleItem().OccurredAt.ShouldBe(new DateTime(2021, 4, 15, 23, 7, 30, 144, DateTimeKind.Utc));
        editedOnly.Warnings.ShouldBe(["The note has no createdTimestampUsec; its last edit time stands in for it."]);
        timeless.Records.ShouldBeEmpty();
        timeless.Rejections.ShouldBe([(RejectReason.MissingTime, "The note has neither a createdTimestampUsec nor a userEditedTimestampUsec; it was skipped.")]);
        timeless.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_note_whose_time_does_not_read_is_rejected_as_unreadable()
    {
        var sink = await FormatHarness.ReadAsync(_reader, """{"title":"t","textContent":"x","createdTimestampUsec":"tuesday"}""", "Takeout/Keep/t.json");

        sink.Records.ShouldBeEmpty();
        sink.Rejections.ShouldBe([(RejectReason.UnreadableTime, "The note has an unreadable createdTimestampUsec (\"tuesday\"); it was skipped.")]);
    }

    [Fact]
    public async Task A_note_that_repeats_a_key_fails_as_invalid_json()
    {
        const string json = """{"title":"t","textContent":"a","textContent":"b","createdTimestampUsec":1690000000000000}""";

        var failure = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, json, "Takeout/Keep/t.json"));

        failure.Message.ShouldContain("Duplicate property 'textContent'");
        failure.ByteOffset.ShouldBeNull("System.Text.Json does not say where the repeated key is");
    }

    [Fact]
    public void Detects_notes_by_their_keys_whatever_the_folder_is_called()
    {
        FormatHarness.Detect(_reader, "Takeout/Notizen/Einkauf.json", """{"color":"DEFAULT","isTrashed":false,"textContent":"x","createdTimestampUsec":1}""")
            .ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, "Takeout/Keep/Einkauf.json", """{"isTrashed":false,"userEditedTimestampUsec":1}""").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/Keep/Labels.json", "[]").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Chrome/History.json", """{"Browser History":[{"time_usec":1}]}""").ShouldBe(FormatMatch.None);
    }

    [Fact]
    public async Task Reads_the_shared_real_keep_notes_exactly()
    {
        var folder = FormatHarness.SharedSample("obsidian-importer/Takeout/Keep");
        Assert.SkipWhen(folder is null, "the shared takeout samples are not beside this checkout");

        var notes = new Dictionary<string, PersonalRecord>();
        foreach (var file in Directory.GetFiles(folder!, "*.json").Order())
        {
            var sink = await FormatHarness.ReadFileAsync(_reader, file);
            sink.UnknownFields.ShouldBeEmpty(file);
            notes[Path.GetFileName(file)] = sink.Records.ShouldHaveSingleItem(file);
        }

        notes.Count.ShouldBe(4);
        notes["Checklist note.json"].Text.ShouldBe("First item\nSecond item and #hashtag\nFirst sub-item\nSecond sub-item and #labelWith!'@:$\"Symbols\nThird item");
        notes["Checklist note.json"].OccurredAt.ShouldBe(new DateTime(2023, 7, 26, 11, 58, 12, 755, DateTimeKind.Utc));
        notes["Labelled note.json"].Source!["labels"]!.AsArray().Count.ShouldBe(6);
        notes["Archived note.json"].Identity.ShouldBe(RecordIdentity.FromContent(1690514858197000L, "Archived note"));
        notes["Image, label, and body text note.json"].Text.ShouldBe("This is the body text.");
    }

    [Fact]
    public async Task The_shared_real_broken_note_fails_with_the_byte_offset_of_the_missing_comma()
    {
        var broken = FormatHarness.SharedSample("obsidian-importer/Takeout/Keep/_malformed/broken-json-note.json");
        Assert.SkipWhen(broken is null, "the shared takeout samples are not beside this checkout");
        FormatHarness.Detect(_reader, "Takeout/Keep/broken-json-note.json", File.ReadAllText(broken!)).ShouldBe(FormatMatch.ByContentAndName);

        var failure = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadFileAsync(_reader, broken!));

        failure.ByteOffset.ShouldBe(361, "the \"userEditedTimestampUsec\" that follows \"title\" without a comma");
        failure.Message.ShouldStartWith("Invalid JSON at line 8:");
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "google.keep.note", "Keep", name);

    private Task<CollectingSink> ReadFixtureAsync(string name, int bytesPerRead = 4096) =>
        FormatHarness.ReadAsync(_reader, File.ReadAllText(Fixture(name)), "Takeout/Keep/" + name, bytesPerRead);
}
