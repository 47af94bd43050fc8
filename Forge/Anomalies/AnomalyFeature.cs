using System.Globalization;

namespace Datapunk.Forge.Anomalies;

/// <summary>
/// A per-day feature: a daily stats metric (Lake/Reading/StatsMetrics), how a value reads in a reason,
/// the smallest deviation worth a flag (so a usual of 0 or a perfectly regular week does not make every
/// small change unusual), and whether an unusually low value is news too.
/// </summary>
internal sealed record AnomalyFeature(string Metric, string Verb, string Format, string Unit, double Floor, bool FlagLow)
{
    public static IReadOnlyList<AnomalyFeature> All { get; } =
    [
        new("distance_km", "travelled", "0.#", "km", 1.0, FlagLow: true),
        new("places_visited", "visited", "0", "places", 1.0, FlagLow: false),
        new("steps", "walked", "N0", "steps", 1000, FlagLow: true),
        new("listening_minutes", "listened to music for", "0", "min", 15, FlagLow: false),
        new("youtube_watches", "watched", "0", "videos", 2, FlagLow: false),
    ];

    public string Show(double value) => $"{value.ToString(Format, CultureInfo.InvariantCulture)} {Unit}";
}
