using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;
using Datapunk.Lake.Formats.MyActivity;

namespace Datapunk.Lake.Formats.YouTube;

/// <summary>
/// The 2016-era YouTube history: a JSON list of Data API <c>youtube#playlistItem</c> resources
/// (<c>snippet.publishedAt</c> = when it was watched, <c>contentDetails.videoId</c>, <c>snippet.title</c>).
/// The same shape was used for likes, favourites and watch-later lists of that time; the playlist id's
/// prefix tells them apart (HL history, LL likes, FL favourites, WL watch later), so only history
/// items become <see cref="RecordKind.YoutubeWatch"/> and the others activity events.
/// </summary>
public sealed class YouTubePlaylistItemsReader : IExportFormatReader
{
    private static readonly Dictionary<string, HashSet<string>> KnownFields = new(StringComparer.Ordinal)
    {
        ["$[]"] = ["kind", "etag", "id", "snippet", "contentDetails", "status"],
        ["$[].snippet"] =
        [
            "publishedAt", "channelId", "title", "description", "thumbnails", "channelTitle", "playlistId", "position",
            "resourceId", "videoOwnerChannelTitle", "videoOwnerChannelId",
        ],
        ["$[].contentDetails"] = ["videoId", "videoPublishedAt", "startAt", "endAt", "note"],
        ["$[].status"] = ["privacyStatus"],
    };

    public string FormatId => "google.youtube.playlistitems";

    /// <summary>A JSON array holding Data API playlist items (used by the YouTube history reader to leave them alone).</summary>
    public static bool LooksLikePlaylistItems(ReadOnlySpan<byte> head)
    {
        var start = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        var first = start.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && start[first] == (byte)'[' && start.IndexOf("\"youtube#playlistItem\""u8) >= 0;
    }

    public FormatMatch Detect(EntrySample sample)
    {
        var content = LooksLikePlaylistItems(sample.Head.Span);
        var name = sample.FileName == "watch-history.json";
        // The name alone does not count: watch-history.json is also the name YouTubeHistoryReader claims.
        return FormatMatch.From(content, content && name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        await new JsonElementStream([]).ReadAsync(
            content,
            (_, element, offset) =>
            {
                if (TryCreate(element, offset, sink, reported) is { } record)
                {
                    sink.AddRecord(record);
                }
            },
            (property, _) =>
            {
                if (reported.Add("$." + property))
                {
                    sink.ReportUnknownField("$." + property, "(top-level value)");
                }
            },
            cancellationToken);
        sink.SetVariant("playlist-items-2016");
    }

    private static PersonalRecord? TryCreate(ReadOnlySpan<byte> element, long offset, IImportSink sink, HashSet<string> reported)
    {
        try
        {
            if (JsonNode.Parse(element) is not JsonObject item)
            {
                sink.RejectRecord(RejectReason.Unparseable, $"A playlist item at byte {offset} is not a JSON object and was skipped.");
                return null;
            }

            ReportUnknownFields(item, "$[]", sink, reported);
            var snippet = item["snippet"] as JsonObject;
            var videoId = MyActivityRecords.Text(item["contentDetails"]?["videoId"]) ?? MyActivityRecords.Text(snippet?["resourceId"]?["videoId"]);
            if (videoId is null)
            {
                sink.RejectRecord(RejectReason.MissingField, $"A playlist item at byte {offset} has no video id and was skipped.");
                return null;
            }

            if (!Timestamps.TryParse(MyActivityRecords.Text(snippet?["publishedAt"]), out var time))
            {
                var problem = UnusableTime.Of(snippet?["publishedAt"], "publishedAt");
                sink.RejectRecord(problem.Reason, $"A playlist item at byte {offset} has {problem.Description} and was skipped.");
                return null;
            }

            var title = MyActivityRecords.Text(snippet?["title"]);
            var playlistId = MyActivityRecords.Text(snippet?["playlistId"]);
            var (kind, list, verb) = Classify(playlistId);
            var annotations = new JsonObject { ["verb"] = verb, ["object"] = title, ["videoId"] = videoId, ["playlist"] = list };
            if (title is "Deleted video" or "Private video" || MyActivityRecords.Text(snippet?["description"]) == "This video is unavailable.")
            {
                annotations["flags"] = new JsonArray("deletedVideo");
            }

            item[MyActivityRecords.AnnotationsKey] = annotations;
            var stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var channel = MyActivityRecords.Text(snippet?["videoOwnerChannelTitle"]);
            return new PersonalRecord
            {
                Kind = kind,
                Identity = kind == RecordKind.YoutubeWatch
                    ? RecordIdentity.Native("youtube.video", $"{videoId}@{stamp}")
                    : RecordIdentity.Native("youtube.playlist", $"{playlistId}/{videoId}@{stamp}"),
                OccurredAt = time,
                Title = $"{verb} {title ?? videoId}",
                Url = "https://www.youtube.com/watch?v=" + videoId,
                Text = channel is null ? title : $"{title}\n{channel}",
                Source = item,
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            sink.RejectRecord(RejectReason.Unparseable, $"A playlist item at byte {offset} could not be read ({exception.Message}) and was skipped.");
            return null;
        }
    }

    private static (RecordKind Kind, string List, string Verb) Classify(string? playlistId) => playlistId?[..Math.Min(2, playlistId.Length)] switch
    {
        null or "HL" => (RecordKind.YoutubeWatch, "history", "Watched"),
        "LL" => (RecordKind.ActivityEvent, "likes", "Liked"),
        "FL" => (RecordKind.ActivityEvent, "favorites", "Added to favourites:"),
        "WL" => (RecordKind.ActivityEvent, "watch-later", "Added to Watch later:"),
        _ => (RecordKind.ActivityEvent, "playlist", "Added to a playlist:"),
    };

    private static void ReportUnknownFields(JsonObject node, string path, IImportSink sink, HashSet<string> reported)
    {
        var known = KnownFields[path];
        foreach (var (name, value) in node)
        {
            var childPath = path + "." + name;
            if (!known.Contains(name))
            {
                if (reported.Add(childPath))
                {
                    sink.ReportUnknownField(childPath, MyActivityJsonEntries.Example(value));
                }
            }
            else if (value is JsonObject child && KnownFields.ContainsKey(childPath))
            {
                ReportUnknownFields(child, childPath, sink, reported);
            }
        }
    }
}
