using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Fit;

/// <summary>
/// One column of a per-day CSV folded from 15-minute intervals into the day's value. Totals
/// (steps, calories, distance, durations, heart points) are summed; "Average …" columns become the
/// mean of the intervals that have a value (unweighted: Fit gives no per-interval weights); "Max …"/
/// "High …" and "Min …"/"Low …" take the extreme. A column whose name says none of these is summed,
/// which is right for the totals that make up most columns; averages in languages not listed here
/// would be summed too.
/// </summary>
internal sealed class FitColumnTotal(FitAggregation aggregation)
{
    private static readonly string[] MeanMarkers = ["average", "avg", "durchschnitt", "moyen", "promedio", "media", "평균", "平均"];
    private static readonly string[] MaxMarkers = ["max ", "max.", "high ", "maximal", "최대", "最大"];
    private static readonly string[] MinMarkers = ["min ", "min.", "low ", "minimal", "최소", "最小"];

    private double _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private int _count;
    private bool _integral = true;

    public static FitAggregation AggregationFor(string header)
    {
        var name = header.Trim().ToLowerInvariant();
        if (MeanMarkers.Any(marker => name.Contains(marker, StringComparison.Ordinal)))
        {
            return FitAggregation.Mean;
        }

        if (MaxMarkers.Any(marker => name.StartsWith(marker, StringComparison.Ordinal)))
        {
            return FitAggregation.Max;
        }

        return MinMarkers.Any(marker => name.StartsWith(marker, StringComparison.Ordinal)) ? FitAggregation.Min : FitAggregation.Sum;
    }

    public void Add(double value)
    {
        _sum += value;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _integral &= value == Math.Floor(value) && Math.Abs(value) < 9e15;
        _count++;
    }

    /// <summary>The day's value, or null when no interval had one.</summary>
    public JsonNode? Result() => _count == 0
        ? null
        : aggregation switch
        {
            FitAggregation.Mean => JsonValue.Create(_sum / _count),
            FitAggregation.Min => Number(_min),
            FitAggregation.Max => Number(_max),
            _ => Number(_sum),
        };

    private JsonNode Number(double value) => _integral ? JsonValue.Create((long)value) : JsonValue.Create(value);
}
