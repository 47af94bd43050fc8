using System.Globalization;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Formats.Calendar;

/// <summary>RFC 5545 DURATION values: <c>P1D</c>, <c>PT1H30M</c>, <c>P2W</c>, <c>-PT15M</c>.</summary>
public static partial class IcsDuration
{
    public static bool TryParse(string? value, out TimeSpan duration)
    {
        duration = default;
        var match = value is null ? Match.Empty : Pattern().Match(value.Trim());
        if (!match.Success || match.Length <= 2)
        {
            return false;
        }

        static int Part(Match m, string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

        duration = TimeSpan.FromDays((Part(match, "w") * 7) + Part(match, "d"))
            + new TimeSpan(Part(match, "h"), Part(match, "m"), Part(match, "s"));
        if (match.Groups["sign"].Value == "-")
        {
            duration = -duration;
        }

        return true;
    }

    [GeneratedRegex(@"^(?<sign>[+-])?P(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<m>\d+)M)?(?:(?<s>\d+)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
