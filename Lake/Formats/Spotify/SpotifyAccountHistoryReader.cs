using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Spotify;

/// <summary>
/// Spotify's account-data history, <c>StreamingHistory_music_N.json</c> (older
/// <c>StreamingHistoryN.json</c>; podcasts in <c>StreamingHistory_podcast_N.json</c>):
/// <c>[{endTime:"2022-10-28 07:03", artistName, trackName, msPlayed}]</c>, UTC to the minute.
/// <para>
/// The identity is (endTime, artist, track, msPlayed). With minute precision, two plays of one
/// track that end in the same minute with exactly the same msPlayed become one record. Only
/// skips and near-zero plays (msPlayed 0 or a few hundred, from skipping back and forth) do that in
/// practice, so the loss is a few non-listens; the alternative, the position in the file, would
/// make every play of the next export new, because Spotify re-chunks the files each time.
/// </para>
/// </summary>
public sealed class SpotifyAccountHistoryReader : IExportFormatReader
{
    private static readonly KnownFieldNames PlayFields = new("endTime", "artistName", "trackName", "msPlayed", "podcastName", "episodeName");

    public string FormatId => "spotify.streaming-history";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = head.IndexOf("\"endTime\""u8) >= 0 && head.IndexOf("\"msPlayed\""u8) >= 0
            && (head.IndexOf("\"trackName\""u8) >= 0 || head.IndexOf("\"episodeName\""u8) >= 0);
        var name = sample.FileName.StartsWith("StreamingHistory", StringComparison.OrdinalIgnoreCase) && sample.Extension == ".json";
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var unknown = new UnknownFieldLog(sink);
        var variantSet = false;
        return new JsonElementStream([]).ReadAsync(
            content,
            (_, element, offset) =>
            {
                if (SmallJsonDocument.ParseElement(element, offset, sink) is not { } play)
                {
                    return;
                }

                unknown.Check("$[]", play, PlayFields);
                var podcast = JsonNodeFields.Text(play["podcastName"]);
                if (!variantSet)
                {
                    variantSet = true;
                    sink.SetVariant(podcast is null && play["episodeName"] is null ? "account-music" : "account-podcast");
                }

                if (!Timestamps.TryParse(JsonNodeFields.Text(play["endTime"]), out var endTime))
                {
                    var problem = UnusableTime.Of(play["endTime"], "endTime");
                    sink.RejectRecord(problem.Reason, $"The play at byte {offset} has {problem.Description}; it was skipped.");
                    return;
                }

                var artist = JsonNodeFields.Text(play["artistName"]) ?? podcast;
                var track = JsonNodeFields.Text(play["trackName"]) ?? JsonNodeFields.Text(play["episodeName"]);
                sink.AddRecord(new PersonalRecord
                {
                    Kind = RecordKind.SpotifyPlay,
                    Identity = RecordIdentity.FromContent(endTime, artist, track, JsonNodeFields.Integer(play["msPlayed"])),
                    OccurredAt = endTime,
                    Title = SpotifyTitle.Of(artist, track),
                    Source = play,
                });
            },
            (property, _) => unknown.Report("$." + property, "(top-level value)"),
            cancellationToken);
    }
}
