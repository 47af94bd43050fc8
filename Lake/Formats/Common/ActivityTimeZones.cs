using System.Globalization;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// UTC offsets for the zone spellings that end the dates of Google's HTML activity exports
/// (<c>AEDT</c>, <c>MEZ</c>, <c>GMT+1</c>, <c>UTC-03:00</c>). Google prints every event with the
/// offset that was in force when the export was made, so the abbreviation's own fixed offset is the
/// right one to undo, even when it names summer time for a January event.
/// </summary>
/// <remarks>
/// A few abbreviations mean several zones; the reading chosen here is the common one among Takeout
/// users and is documented so a wrong guess can be found: IST = India (+05:30, not Irish or Israel
/// time), CST/CDT = US Central (not China), AST = Atlantic (not Arabia), BST = British Summer Time.
/// </remarks>
public static class ActivityTimeZones
{
    private static readonly Dictionary<string, TimeSpan> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero, ["WET"] = TimeSpan.Zero,
        ["BST"] = Hours(1), ["IST"] = Hours(5.5), ["WEST"] = Hours(1), ["CET"] = Hours(1), ["CEST"] = Hours(2),
        ["MEZ"] = Hours(1), ["MESZ"] = Hours(2), ["EET"] = Hours(2), ["EEST"] = Hours(3), ["OEZ"] = Hours(2),
        ["OESZ"] = Hours(3), ["MSK"] = Hours(3), ["SAST"] = Hours(2), ["WAT"] = Hours(1), ["CAT"] = Hours(2),
        ["EAT"] = Hours(3), ["PKT"] = Hours(5), ["ICT"] = Hours(7), ["WIB"] = Hours(7), ["HKT"] = Hours(8),
        ["SGT"] = Hours(8), ["AWST"] = Hours(8), ["PHT"] = Hours(8), ["JST"] = Hours(9), ["KST"] = Hours(9),
        ["ACST"] = Hours(9.5), ["ACDT"] = Hours(10.5), ["AEST"] = Hours(10), ["AEDT"] = Hours(11),
        ["NZST"] = Hours(12), ["NZDT"] = Hours(13), ["HST"] = Hours(-10), ["AKST"] = Hours(-9), ["AKDT"] = Hours(-8),
        ["PST"] = Hours(-8), ["PDT"] = Hours(-7), ["MST"] = Hours(-7), ["MDT"] = Hours(-6), ["CST"] = Hours(-6),
        ["CDT"] = Hours(-5), ["EST"] = Hours(-5), ["EDT"] = Hours(-4), ["AST"] = Hours(-4), ["ADT"] = Hours(-3),
        ["NST"] = Hours(-3.5), ["NDT"] = Hours(-2.5), ["BRT"] = Hours(-3), ["ART"] = Hours(-3), ["CLT"] = Hours(-4),
    };

    /// <summary>The offset for an abbreviation or a <c>GMT±h[:mm]</c> / <c>±hh:mm</c> spelling; false when unknown.</summary>
    public static bool TryGetOffset(string zone, out TimeSpan offset)
    {
        if (Abbreviations.TryGetValue(zone, out offset))
        {
            return true;
        }

        var signAt = zone.IndexOfAny(['+', '-']);
        if (signAt < 0 || (signAt > 0 && !Abbreviations.TryGetValue(zone[..signAt], out _)))
        {
            return false;
        }

        var digits = zone[(signAt + 1)..].Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is < 1 or > 4 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var hours = int.Parse(digits.Length <= 2 ? digits : digits[..^2], CultureInfo.InvariantCulture);
        var minutes = digits.Length <= 2 ? 0 : int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0) * (zone[signAt] == '-' ? -1 : 1);
        return true;
    }

    private static TimeSpan Hours(double hours) => TimeSpan.FromMinutes(hours * 60);
}
