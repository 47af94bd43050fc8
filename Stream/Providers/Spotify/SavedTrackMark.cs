using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.Spotify;

/// <summary>
/// A saved track's place in the library, newest first: when it was saved and its track key. A sweep
/// stops at the first item at or past the newest one stored: saved earlier, or the very same item.
/// Items saved in the same second as it but of another track are read (they may be new; stored
/// ones are matched by identity).
/// </summary>
internal sealed record SavedTrackMark(DateTimeOffset AddedAt, string TrackKey)
{
    public bool IsReachedBy(SavedTrackMark item) => item.AddedAt < AddedAt || (item.AddedAt == AddedAt && item.TrackKey == TrackKey);

    public override string ToString() => $"{AddedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}|{TrackKey}";

    public static SavedTrackMark? Parse(JsonNode? node)
    {
        var text = ProviderJson.Text(node);
        var bar = text?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        return bar > 0 && long.TryParse(text![..bar], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? new SavedTrackMark(DateTimeOffset.FromUnixTimeMilliseconds(ms), text[(bar + 1)..])
            : null;
    }
}
