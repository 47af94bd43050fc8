using System.Globalization;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Spotify;

/// <summary>
/// Spotify's extended streaming history: <c>endsong_N.json</c> (older) and
/// <c>Streaming_History_Audio_YYYY[-YYYY][_N].json</c> / <c>Streaming_History_Video_…</c> (newer), an
/// unsorted array of plays keyed by <c>ts</c>, the time the play ended (UTC, to the second).
/// <para>
/// Identity is (ts, uri, ms_played), where uri is spotify_track_uri, or for podcast episodes and
/// audiobooks (which have no track uri) their episode or chapter uri, so that two different
/// episodes ending in the same second stay apart. <c>offline_timestamp</c> is in milliseconds in
/// older files and seconds in newer ones; Source gains <c>offlineAt</c>, that time in ISO-8601, told
/// apart by magnitude (no date in seconds reaches 10^11).
/// </para>
/// </summary>
public sealed class SpotifyExtendedHistoryReader : IExportFormatReader
{
    private static readonly KnownFieldNames PlayFields = new(
        "ts", "username", "platform", "ms_played", "conn_country", "ip_addr", "ip_addr_decrypted", "user_agent_decrypted",
        "master_metadata_track_name", "master_metadata_album_artist_name", "master_metadata_album_album_name", "spotify_track_uri",
        "episode_name", "episode_show_name", "spotify_episode_uri", "audiobook_title", "audiobook_uri", "audiobook_chapter_uri",
        "audiobook_chapter_title", "reason_start", "reason_end", "shuffle", "skipped", "offline", "offline_timestamp", "incognito_mode");

    public string FormatId => "spotify.extended-history";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = head.IndexOf("\"ms_played\""u8) >= 0 && head.IndexOf("\"ts\""u8) >= 0
            && (head.IndexOf("\"spotify_track_uri\""u8) >= 0 || head.IndexOf("\"master_metadata_track_name\""u8) >= 0);
        var name = sample.Extension == ".json"
            && (sample.FileName.StartsWith("endsong", StringComparison.OrdinalIgnoreCase)
                || sample.FileName.StartsWith("Streaming_History_", StringComparison.OrdinalIgnoreCase));
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var unknown = new UnknownFieldLog(sink);
        var fileName = sink.EntryPath[(sink.EntryPath.LastIndexOf('/') + 1)..];
        sink.SetVariant(fileName.StartsWith("endsong", StringComparison.OrdinalIgnoreCase) ? "endsong" : "streaming-history");
        return new JsonElementStream([]).ReadAsync(
            content,
            (_, element, offset) =>
            {
                if (SmallJsonDocument.ParseElement(element, offset, sink) is not { } play)
                {
                    return;
                }

                unknown.Check("$[]", play, PlayFields);
                if (!Timestamps.TryParse(JsonNodeFields.Text(play["ts"]), out var endedAt))
                {
                    var problem = UnusableTime.Of(play["ts"], "ts");
                    sink.RejectRecord(problem.Reason, $"The play at byte {offset} has {problem.Description}; it was skipped.");
                    return;
                }

                if (OfflineAt(JsonNodeFields.Integer(play["offline_timestamp"])) is { } offlineAt)
                {
                    play["offlineAt"] = offlineAt.ToString("O", CultureInfo.InvariantCulture);
                }

                var uri = JsonNodeFields.Text(play["spotify_track_uri"])
                    ?? JsonNodeFields.Text(play["spotify_episode_uri"])
                    ?? JsonNodeFields.Text(play["audiobook_chapter_uri"]);
                var isTrack = JsonNodeFields.Text(play["master_metadata_track_name"]) is not null;
                sink.AddRecord(new PersonalRecord
                {
                    Kind = RecordKind.SpotifyPlay,
                    Identity = RecordIdentity.FromContent(endedAt, uri, JsonNodeFields.Integer(play["ms_played"])),
                    OccurredAt = endedAt,
                    Title = isTrack
                        ? SpotifyTitle.Of(JsonNodeFields.Text(play["master_metadata_album_artist_name"]), JsonNodeFields.Text(play["master_metadata_track_name"]))
                        : SpotifyTitle.Of(
                            JsonNodeFields.Text(play["episode_show_name"]) ?? JsonNodeFields.Text(play["audiobook_title"]),
                            JsonNodeFields.Text(play["episode_name"]) ?? JsonNodeFields.Text(play["audiobook_chapter_title"])),
                    Source = play,
                });
            },
            (property, _) => unknown.Report("$." + property, "(top-level value)"),
            cancellationToken);
    }

    /// <summary>0 and absent mean "not offline"; milliseconds and seconds are told apart by size.</summary>
    private static DateTime? OfflineAt(long? value) => value switch
    {
        null or <= 0 => null,
        >= 100_000_000_000 => Timestamps.TryFromEpoch(value.Value, EpochUnit.Milliseconds, out var ms) ? ms : null,
        _ => Timestamps.TryFromEpoch(value.Value, EpochUnit.Seconds, out var s) ? s : null,
    };
}
