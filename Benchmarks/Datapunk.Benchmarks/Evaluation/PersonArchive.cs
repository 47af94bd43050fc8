using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// Writes <see cref="SyntheticPersonYear"/> as the archives a person downloads: a Google Takeout
/// (Semantic Location History's place visits by month, YouTube's My Activity, Chrome's history, the
/// Gmail mbox) and a Spotify extended streaming history, in the shapes the Lake's readers accept.
/// </summary>
internal static class PersonArchive
{
    private static readonly string[] MonthNames =
        ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];

    public static IReadOnlyList<string> Write(SyntheticPersonYear person, string folder)
    {
        var directory = Path.Combine(folder, $"person-{person.Seed}");
        Directory.CreateDirectory(directory);
        var takeout = Path.Combine(directory, "takeout-20260101T000000Z-001.zip");
        var spotify = Path.Combine(directory, "my_spotify_data.zip");
        File.Delete(takeout);
        File.Delete(spotify);
        using (var archive = ZipFile.Open(takeout, ZipArchiveMode.Create))
        {
            foreach (var month in person.Visits.GroupBy(visit => (visit.Start.Year, visit.Start.Month)))
            {
                Entry(archive, $"Takeout/Location History (Timeline)/Semantic Location History/{month.Key.Year}/{month.Key.Year}_{MonthNames[month.Key.Month - 1]}.json",
                    stream => WriteVisits(stream, month));
            }

            Entry(archive, "Takeout/My Activity/YouTube/MyActivity.json", stream => WriteYouTube(stream, person));
            Entry(archive, "Takeout/Chrome/BrowserHistory.json", stream => WriteChrome(stream, person.Pages));
            Entry(archive, "Takeout/Mail/All mail Including Spam and Trash.mbox", stream => WriteMbox(stream, person.Mails));
        }

        using (var archive = ZipFile.Open(spotify, ZipArchiveMode.Create))
        {
            Entry(archive, "Spotify Extended Streaming History/Streaming_History_Audio_2025.json", stream => WriteSpotify(stream, person.Plays));
        }

        return [takeout, spotify];
    }

    private static void Entry(ZipArchive archive, string name, Action<Stream> write)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        write(stream);
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteVisits(Stream stream, IEnumerable<Visit> visits)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("timelineObjects");
        foreach (var visit in visits)
        {
            json.WriteStartObject();
            json.WriteStartObject("placeVisit");
            json.WriteStartObject("location");
            json.WriteNumber("latitudeE7", (long)Math.Round(visit.Place.Lat * 1e7));
            json.WriteNumber("longitudeE7", (long)Math.Round(visit.Place.Lng * 1e7));
            json.WriteString("placeId", visit.Place.PlaceId);
            json.WriteString("address", visit.Place.Address);
            json.WriteString("name", visit.Place.Name);
            json.WriteEndObject();
            json.WriteStartObject("duration");
            json.WriteString("startTimestamp", Iso(visit.Start));
            json.WriteString("endTimestamp", Iso(visit.End));
            json.WriteEndObject();
            json.WriteString("placeConfidence", "HIGH_CONFIDENCE");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteYouTube(Stream stream, SyntheticPersonYear person)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartArray();
        var events = person.Watches.Select(watch => (watch.Time, Watch: (Watch?)watch, Search: (YouTubeSearch?)null))
            .Concat(person.Searches.Select(search => (search.Time, Watch: (Watch?)null, Search: (YouTubeSearch?)search)))
            .OrderByDescending(item => item.Time);
        foreach (var (time, watch, search) in events)
        {
            json.WriteStartObject();
            json.WriteString("header", "YouTube");
            if (watch is not null)
            {
                json.WriteString("title", $"Watched {watch.Title}");
                json.WriteString("titleUrl", $"https://www.youtube.com/watch?v={watch.VideoId}");
                json.WriteStartArray("subtitles");
                json.WriteStartObject();
                json.WriteString("name", watch.Channel);
                json.WriteString("url", $"https://www.youtube.com/channel/UCeval{Math.Abs(watch.Channel.GetHashCode(StringComparison.Ordinal)) % 1_000_000}");
                json.WriteEndObject();
                json.WriteEndArray();
            }
            else
            {
                json.WriteString("title", $"Searched for {search!.Query}");
                json.WriteString("titleUrl", $"https://www.youtube.com/results?search_query={Uri.EscapeDataString(search.Query)}");
            }

            json.WriteString("time", Iso(time));
            json.WriteStartArray("products");
            json.WriteStringValue("YouTube");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteChrome(Stream stream, IEnumerable<PageVisit> pages)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("Browser History");
        foreach (var page in pages)
        {
            json.WriteStartObject();
            json.WriteString("page_transition", "LINK");
            json.WriteString("title", page.Title);
            json.WriteString("url", page.Url);
            json.WriteString("client_id", "evalClient==");
            json.WriteNumber("time_usec", (page.Time - DateTime.UnixEpoch).Ticks / 10);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSpotify(Stream stream, IEnumerable<Play> plays)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartArray();
        foreach (var play in plays)
        {
            json.WriteStartObject();
            json.WriteString("ts", play.Ended.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("platform", "android");
            json.WriteNumber("ms_played", play.Milliseconds);
            json.WriteString("conn_country", "DE");
            json.WriteString("master_metadata_track_name", play.Track);
            json.WriteString("master_metadata_album_artist_name", play.Artist);
            json.WriteString("master_metadata_album_album_name", $"{play.Artist} (album)");
            json.WriteString("spotify_track_uri", play.Uri);
            json.WriteString("reason_start", "trackdone");
            json.WriteString("reason_end", "trackdone");
            json.WriteBoolean("shuffle", false);
            json.WriteBoolean("skipped", false);
            json.WriteBoolean("offline", false);
            json.WriteBoolean("incognito_mode", false);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteMbox(Stream stream, IEnumerable<Mail> mails)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var mail in mails)
        {
            writer.WriteLine($"From {1_700_000_000_000_000_000 + mail.Number}@xxx {mail.Time.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture)}");
            writer.WriteLine($"X-GM-THRID: {1_700_000_000_000_000_000 + mail.Number}");
            writer.WriteLine(mail.Sent ? "X-Gmail-Labels: Sent" : "X-Gmail-Labels: Inbox,Opened");
            writer.WriteLine($"Message-ID: <eval-{mail.Number}@mail.example.net>");
            writer.WriteLine($"Date: {mail.Time.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}");
            writer.WriteLine($"From: {Header(mail.From)}");
            writer.WriteLine($"To: {Header(mail.To)}");
            writer.WriteLine($"Subject: {Header(mail.Subject)}");
            writer.WriteLine("MIME-Version: 1.0");
            writer.WriteLine("Content-Type: text/plain; charset=\"UTF-8\"");
            writer.WriteLine("Content-Transfer-Encoding: 8bit");
            writer.WriteLine();
            writer.WriteLine(mail.Body);
            writer.WriteLine();
        }
    }

    /// <summary>Non-ASCII header text as an RFC 2047 encoded word, as mail programs write it.</summary>
    private static string Header(string text) =>
        text.All(char.IsAscii) ? text : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";
}
