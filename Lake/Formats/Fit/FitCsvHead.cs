using System.Text;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Formats.Fit;

/// <summary>
/// The header and first data row of a Fit CSV, read from an entry's head for detection. Fit writes
/// plain comma-separated numbers and never quotes, so a split is enough here; reading uses a real
/// CSV parser. Header names are localised (Date, Datum, 날짜, …): detection looks at the values and
/// at the unit suffixes, which Fit writes the same in every language.
/// </summary>
internal sealed partial record FitCsvHead(string[] Header, string[]? FirstRow)
{
    public static FitCsvHead? TryRead(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var firstBreak = head.IndexOf((byte)'\n');
        if (firstBreak < 0 || head.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        var header = Split(head[..firstBreak]);
        var rest = head[(firstBreak + 1)..];
        var secondBreak = rest.IndexOf((byte)'\n');
        var firstRow = secondBreak > 0 ? Split(rest[..secondBreak]) : null;
        return header.Length >= 2 ? new FitCsvHead(header, firstRow) : null;
    }

    /// <summary>At least one column carries a Fit unit suffix such as "(kcal)" or "(m/s)".</summary>
    public bool HasUnitColumn => Header.Any(name => UnitSuffix().IsMatch(name));

    /// <summary>One row per date: the first value is a calendar date.</summary>
    public bool StartsWithDate => FirstRow is [var first, ..] && IsDate(first);

    /// <summary>One row per interval: the first two values are times of day with an offset.</summary>
    public bool StartsWithTimesOfDay => FirstRow is [var start, var end, ..] && TimeOfDay().IsMatch(start) && TimeOfDay().IsMatch(end);

    public static bool IsDate(string value) => IsoDate().IsMatch(value);

    private static string[] Split(ReadOnlySpan<byte> line) =>
        Encoding.UTF8.GetString(line.TrimEnd("\r"u8)).Split(',').Select(field => field.Trim()).ToArray();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"\((kcal|m|km|ms|m/s|kg|bpm|deg|%)\)$")]
    private static partial Regex UnitSuffix();
}
