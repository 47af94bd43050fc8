using System.Text;

namespace Datapunk.Web.Tests;

/// <summary>
/// A small Takeout in two parts, made for the browser tests: three weeks of the synthetic person's
/// fixes in Berlin (Records.json) in the first, Spotify plays in the second, two of them in 2023 on
/// days with fixes and one in 2022.
/// </summary>
internal static class WebTakeout
{
    /// <summary>A Tuesday with fixes all day and a play of <see cref="Song"/>.</summary>
    public const string Day = "2023-01-03";

    public const string Song = "Reckoner";

    public const string Question = "How many songs did I listen to in 2023?";

    public static string[] Write(TempFolder folder)
    {
        using var records = new MemoryStream();
        new SyntheticPerson(weeks: 3).WriteRecordsJson(records);
        var fixes = ArchiveBuilder.Zip(folder.File("takeout-001.zip"), ("Takeout/Location History/Records.json", records.ToArray()));
        var plays = ArchiveBuilder.Zip(
            folder.File("takeout-002.zip"),
            ("Spotify Extended Streaming History/Streaming_History_Audio_2023.json", Encoding.UTF8.GetBytes("""
                [{"ts":"2023-01-03T10:00:00Z","ms_played":200000,"master_metadata_track_name":"Reckoner","master_metadata_album_artist_name":"Radiohead","spotify_track_uri":"spotify:track:1"},
                 {"ts":"2023-01-05T18:00:00Z","ms_played":210000,"master_metadata_track_name":"Nude","master_metadata_album_artist_name":"Radiohead","spotify_track_uri":"spotify:track:2"},
                 {"ts":"2022-12-20T10:00:00Z","ms_played":220000,"master_metadata_track_name":"Sinnerman","master_metadata_album_artist_name":"Nina Simone","spotify_track_uri":"spotify:track:3"}]
                """)));
        return [fixes, plays];
    }
}
