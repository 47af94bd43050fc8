using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// Turns one entry in the My Activity JSON schema into a record. The HTML reader builds the same
/// schema from each cell, so both forms of an export route, flag and identify entries alike.
/// </summary>
public static class MyActivityRecords
{
    /// <summary>The object added to each entry's source with what Datapunk derived (verb, flags, zone, …).</summary>
    public const string AnnotationsKey = "datapunk";

    /// <param name="entry">The entry; becomes the record's <see cref="PersonalRecord.Source"/> (annotations added).</param>
    /// <param name="time">The entry's time, UTC, when it had a readable one.</param>
    /// <param name="annotations">Derived facts already known to the caller (the HTML reader adds the zone).</param>
    /// <param name="verb">The title's verb, when the caller could split it by markup.</param>
    /// <param name="subject">The title without its verb, when the caller could split it by markup.</param>
    public static PersonalRecord Create(JsonObject entry, DateTime? time, JsonObject annotations, string? verb = null, string? subject = null)
    {
        var header = Text(entry["header"]);
        var title = Text(entry["title"]);
        var titleUrl = Text(entry["titleUrl"]);
        var subtitles = entry["subtitles"] as JsonArray;
        if (subject is null && title is not null)
        {
            (verb, subject) = ActivityTitles.Split(title);
        }

        var route = MyActivityRouting.Route(header, Names(entry["products"]), title, titleUrl);
        var flags = new JsonArray();
        if (Names(entry["details"]).Any(d => d.Contains("Google Ads", StringComparison.OrdinalIgnoreCase)))
        {
            flags.Add("ad");
        }

        if (route.CommunityPost)
        {
            flags.Add("communityPost");
        }

        // A deleted or private video keeps only its link: the title is the bare URL (or "a video that
        // has been removed" with no link) and there is no channel.
        if (route.Kind == RecordKind.YoutubeWatch && !Names(subtitles).Any()
            && (titleUrl is null || title?.Contains(titleUrl, StringComparison.Ordinal) == true || subject?.StartsWith("http", StringComparison.Ordinal) == true))
        {
            flags.Add("deletedVideo");
        }

        if (verb is not null)
        {
            annotations["verb"] = verb;
        }

        annotations["object"] = subject;
        if (route.VideoId is not null)
        {
            annotations["videoId"] = route.VideoId;
        }

        if (flags.Count > 0)
        {
            annotations["flags"] = flags;
        }

        entry[AnnotationsKey] = annotations;
        var located = ActivityLocations.TryParse(FirstLocationUrl(entry["locationInfos"]), out var latitudeE7, out var longitudeE7);
        return new PersonalRecord
        {
            Kind = route.Kind,
            // Whole seconds: the HTML form of an export has no milliseconds, and the same event in
            // both forms (or in My Activity and in YouTube history) must get the same identity.
            Identity = RecordIdentity.FromContent(header, title, titleUrl, time is { } t ? t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond)) : null),
            OccurredAt = time,
            Title = title,
            Url = titleUrl,
            Text = SearchText(subject ?? title, subtitles, Text(entry["description"])),
            LatitudeE7 = located ? latitudeE7 : null,
            LongitudeE7 = located ? longitudeE7 : null,
            Source = entry,
        };
    }

    /// <summary>A string value, or null for anything else (a missing field, a number, an object).</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The strings of an array of strings or of <c>{name}</c> objects (products, details, subtitles).</summary>
    public static IEnumerable<string> Names(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            yield break;
        }

        foreach (var item in array)
        {
            if ((item is JsonObject named ? Text(named["name"]) : Text(item)) is { Length: > 0 } name)
            {
                yield return name;
            }
        }
    }

    private static string? FirstLocationUrl(JsonNode? locationInfos) =>
        locationInfos is JsonArray array && array.Count > 0 && array[0] is JsonObject first ? Text(first["url"]) : null;

    /// <summary>What was searched, watched or visited, then the channel or other subtitles, then any description.</summary>
    private static string? SearchText(string? subject, JsonArray? subtitles, string? description)
    {
        var names = Names(subtitles).ToList();
        if (names.Count == 0 && description is null)
        {
            return subject;
        }

        var parts = new List<string>(names.Count + 2);
        if (subject is not null)
        {
            parts.Add(subject);
        }

        parts.AddRange(names);
        if (description is not null)
        {
            parts.Add(description);
        }

        return string.Join('\n', parts);
    }
}
