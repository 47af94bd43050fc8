using Datapunk.Lake.Formats.Calendar;
using Datapunk.Lake.Formats.Chrome;
using Datapunk.Lake.Formats.Contacts;
using Datapunk.Lake.Formats.Discord;
using Datapunk.Lake.Formats.Fit;
using Datapunk.Lake.Formats.Keep;
using Datapunk.Lake.Formats.MyActivity;
using Datapunk.Lake.Formats.Spotify;
using Datapunk.Lake.Formats.YouTube;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Identity;

/// <summary>
/// Literal identity vectors for the kinds on scheme 1 (<see cref="RecordIdentity.SchemeVersion"/>):
/// each reader's first record of the kind, read from its fixture, has exactly this identity. A
/// change to hashing or to a rule fails here instead of silently breaking de-duplication for people
/// who re-import; a deliberate change comes with a new scheme version and a re-keying migration.
/// The kinds on scheme 2 have their vectors beside this file.
/// </summary>
public sealed class IdentityVectorTests
{
    public static TheoryData<string, string, string, RecordKind, string> Vectors { get; } = new()
    {
        { nameof(FitSessionReader), "google.fit.sessions/Fit/All Sessions/2021-03-01T07_44_03.120+01_00_WALKING.json",
            "Takeout/Fit/All Sessions/2021-03-01T07_44_03.120+01_00_WALKING.json", RecordKind.ActivityEvent, "h:75186bbaf12a42c1e54b705fc7df49849523ab19" },
        { nameof(YouTubeSubscriptionsReader), "google.youtube.subscriptions/YouTube and YouTube Music/subscriptions/subscriptions.csv",
            "Takeout/YouTube and YouTube Music/subscriptions/subscriptions.csv", RecordKind.ActivityEvent, "youtube.subscription:UCuAXFkgsw1L7xaCfnd5JJOw" },
        { nameof(MyActivityJsonReader), "google.myactivity.json/My Activity/Search/MyActivity.json",
            "Takeout/My Activity/Search/MyActivity.json", RecordKind.ActivityEvent, "h:614a04c7e9eacfd7060f593f1594ea46fcc51bef" },
        { nameof(YouTubeHistoryReader), "google.youtube.history/YouTube and YouTube Music/history/watch-history.json",
            "Takeout/YouTube and YouTube Music/history/watch-history.json", RecordKind.YoutubeWatch, "h:d9629c3f8c64eeab9e7f56568cf1e009b4547e53" },
        { nameof(YouTubePlaylistItemsReader), "google.youtube.playlistitems/YouTube/history/watch-history.json",
            "Takeout/YouTube/history/watch-history.json", RecordKind.YoutubeWatch, "youtube.video:9bZkp7q19f0@2016-02-20T18:40:33.000Z" },
        { nameof(YouTubeHistoryReader), "google.youtube.history/YouTube and YouTube Music/history/search-history.json",
            "Takeout/YouTube and YouTube Music/history/search-history.json", RecordKind.YoutubeSearch, "h:9ca21acec30ae93821a171bb459181dc13e0dcba" },
        { nameof(ChromeBrowserHistoryReader), "google.chrome.history/Chrome/BrowserHistory.json",
            "Takeout/Chrome/BrowserHistory.json", RecordKind.BrowserVisit, "h:6f93ff355a64d086bdee589fbb059bc3c4368704" },
        { nameof(FitDailyMetricsReader), "google.fit.daily-metrics/Fit/Daily activity metrics/Daily activity metrics.csv",
            "Takeout/Fit/Daily activity metrics/Daily activity metrics.csv", RecordKind.FitDay, "google.fit.day:2021-02-27" },
        { nameof(IcsCalendarReader), "google.calendar.ics/Calendar/max.mustermann@gmail.com.ics",
            "Takeout/Calendar/max.mustermann@gmail.com.ics", RecordKind.CalendarEvent, "ical:7kukuqrfedlm2f9t0vdte0ue1c@google.com" },
        { nameof(VCardReader), "google.contacts.vcf/Contacts/My Contacts/My Contacts.vcf",
            "Takeout/Contacts/My Contacts/My Contacts.vcf", RecordKind.Contact, "h:c9fc3418adb53a66c5143c9197eaecae95d80b11" },
        { nameof(KeepNoteReader), "google.keep.note/Keep/Groceries.json", "Takeout/Keep/Groceries.json", RecordKind.KeepNote, "h:10bba860349e6ec040c37bdc09b9df5539e2cdf4" },
        { nameof(SpotifyExtendedHistoryReader), "spotify.extended-history/Spotify Extended Streaming History/Streaming_History_Audio_2023.json",
            "Spotify Extended Streaming History/Streaming_History_Audio_2023.json", RecordKind.SpotifyPlay, "h:6c9c42f10ac7228fee49026ddeb17fb2b393763f" },
        { nameof(SpotifyAccountHistoryReader), "spotify.streaming-history/MyData/StreamingHistory_music_0.json",
            "MyData/StreamingHistory_music_0.json", RecordKind.SpotifyPlay, "h:0edeba8e28ce484e9d4283c856a53e8362681978" },
        { nameof(DiscordMessagesReader), "discord.messages/Messages/c812345678901234567/messages.json",
            "package/Messages/c812345678901234567/messages.json", RecordKind.DiscordMessage, "discord:1200167476839579651" },
    };

    [Fact]
    public void Every_record_kind_has_literal_vectors()
    {
        RecordKind[] schemeTwo = [RecordKind.PlaceVisit, RecordKind.ActivitySegment, RecordKind.Photo, RecordKind.Email];
        // No export reader makes these: only Spotify's Web API and YouTube's Data API do; Datapunk.Stream.Tests' SpotifyLibraryTests
        // and YouTubeIdentityTests pin their identities.
        RecordKind[] polledOnly =
            [RecordKind.SpotifySavedTrack, RecordKind.SpotifyPlaylistItem, RecordKind.YoutubeSubscription, RecordKind.YoutubePlaylistItem, RecordKind.YoutubeLike];
        var pinned = Vectors.Select(row => row.Data.Item4).Concat(schemeTwo).Concat(polledOnly).Distinct().Order();

        pinned.ToArray().ShouldBe([.. RecordKinds.All.Where(kind => kind != RecordKind.LocationPoint)], "fixes are identified by time and position, not by RecordIdentity");
        schemeTwo.ShouldAllBe(kind => RecordIdentity.SchemeVersion(kind) == 2, "SchemeTwoIdentityVectorTests pins these");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task The_first_record_of_a_fixture_has_its_pinned_identity(string reader, string fixture, string entryPath, RecordKind kind, string identity)
    {
        RecordIdentity.SchemeVersion(kind).ShouldBe(1, $"{kind} is on scheme 1; its vectors here pin that scheme");

        var sink = await FormatHarness.ReadFixtureAsync(Reader(reader), fixture, entryPath);

        sink.Records.First(record => record.Kind == kind).Identity.ShouldBe(identity, $"{reader} on {fixture}");
    }

    private static IExportFormatReader Reader(string name) => name switch
    {
        nameof(FitSessionReader) => new FitSessionReader(),
        nameof(YouTubeSubscriptionsReader) => new YouTubeSubscriptionsReader(),
        nameof(MyActivityJsonReader) => new MyActivityJsonReader(),
        nameof(YouTubeHistoryReader) => new YouTubeHistoryReader(),
        nameof(YouTubePlaylistItemsReader) => new YouTubePlaylistItemsReader(),
        nameof(ChromeBrowserHistoryReader) => new ChromeBrowserHistoryReader(),
        nameof(FitDailyMetricsReader) => new FitDailyMetricsReader(),
        nameof(IcsCalendarReader) => new IcsCalendarReader(),
        nameof(VCardReader) => new VCardReader(),
        nameof(KeepNoteReader) => new KeepNoteReader(),
        nameof(SpotifyExtendedHistoryReader) => new SpotifyExtendedHistoryReader(),
        nameof(SpotifyAccountHistoryReader) => new SpotifyAccountHistoryReader(),
        nameof(DiscordMessagesReader) => new DiscordMessagesReader(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such reader in the vectors"),
    };
}
