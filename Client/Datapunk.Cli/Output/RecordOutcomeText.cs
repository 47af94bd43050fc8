using System.Globalization;

namespace Datapunk.Cli.Output;

/// <summary>
/// The text summary's words for the records an import did not store anew: rejected, by reason, and
/// matched with stored ones, by rule. The report gives reasons and rules by their contract names
/// (Lake/Formats/RejectReason.cs, Lake/Model/MatchRule.cs); this is the one place that puts them in
/// words, and a name this CLI does not know yet is shown as it is.
/// </summary>
public static class RecordOutcomeText
{
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["missing_time"] = "without a time",
        ["unreadable_time"] = "with an unreadable time",
        ["time_in_future"] = "with a time in the future",
        ["time_before_1970"] = "with a time before 1970",
        ["missing_coordinates"] = "without coordinates",
        ["coordinates_out_of_range"] = "with coordinates off the map",
        ["missing_identity"] = "without anything to identify them",
        ["missing_field"] = "missing a field they need",
        ["unparseable"] = "that could not be read",
        ["truncated"] = "cut off before their end",
    };

    private static readonly Dictionary<string, string> Rules = new(StringComparer.Ordinal)
    {
        ["exact"] = "exact",
        ["cross_format"] = "from another format of the same source",
        ["cross_source"] = "from another source",
    };

    /// <summary>"12 records rejected: 8 with a time in the future, 4 without coordinates", or null when none were.</summary>
    public static string? Rejected(IReadOnlyDictionary<string, long> rejected) =>
        Sentence(rejected, total => $"{Records(total)} rejected", name => Reasons.GetValueOrDefault(name, $"({name})"));

    /// <summary>"3,412 records matched ones already stored: 3,000 exact, 412 from another format of the same source", or null when none did.</summary>
    public static string? Matched(IReadOnlyDictionary<string, long> matched) =>
        Sentence(matched, total => $"{Records(total)} matched {(total == 1 ? "one" : "ones")} already stored", name => Rules.GetValueOrDefault(name, $"({name})"));

    private static string? Sentence(IReadOnlyDictionary<string, long> counts, Func<long, string> head, Func<string, string> words)
    {
        var nonZero = counts.Where(pair => pair.Value > 0).ToList();
        if (nonZero.Count == 0)
        {
            return null;
        }

        var parts = nonZero.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value:N0} {words(pair.Key)}"));
        return $"{head(nonZero.Sum(pair => pair.Value))}: {string.Join(", ", parts)}";
    }

    private static string Records(long count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? "record" : "records")}");
}
