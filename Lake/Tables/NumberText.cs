using System.Globalization;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Tables;

/// <summary>
/// Numbers as people write them: <c>1234.5</c>, <c>1,234.5</c>, <c>-1.5e3</c>, or with a decimal comma
/// <c>1234,5</c>, <c>1.234,5</c>, <c>1 234,5</c>; also <c>NaN</c> and <c>Infinity</c> for floating point.
/// </summary>
public static partial class NumberText
{
    /// <summary>The value of <paramref name="text"/>, exactly (null when it does not fit a decimal or has an exponent) and approximately.</summary>
    public static bool TryParse(string text, bool decimalComma, out decimal? exact, out double approximate)
    {
        exact = null;
        approximate = 0;
        var s = text.Trim();
        if (s is "NaN" or "nan" or "Infinity" or "+Infinity" or "-Infinity" or "inf" or "-inf")
        {
            approximate = double.Parse(s.Replace("inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            return true;
        }

        var match = (decimalComma ? CommaDecimal() : PointDecimal()).Match(s);
        if (!match.Success || !s.Any(char.IsAsciiDigit))
        {
            return false;
        }

        var plain = decimalComma
            ? s.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
                .Replace("\u202F", "", StringComparison.Ordinal).Replace(',', '.')
            : s.Replace(",", "", StringComparison.Ordinal);
        if (!double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out approximate))
        {
            return false;
        }

        if (!match.Groups["exponent"].Success && decimal.TryParse(plain, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            exact = value;
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> reads as a number with a decimal point, and with a decimal comma (<c>1,234</c> reads as both).</summary>
    public static (bool Point, bool Comma) Styles(string text)
    {
        var s = text.Trim();
        return (PointDecimal().IsMatch(s) && s.Any(char.IsAsciiDigit), CommaDecimal().IsMatch(s) && s.Any(char.IsAsciiDigit));
    }

    /// <summary>An identifier written with digits (<c>007</c>, <c>01234</c>): a zero before another digit is kept as text, not lost to a number.</summary>
    public static bool HasLeadingZero(string text)
    {
        var s = text.Trim().TrimStart('+', '-');
        return s.Length > 1 && s[0] == '0' && char.IsAsciiDigit(s[1]);
    }

    [GeneratedRegex(@"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?<exponent>[eE][+-]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PointDecimal();

    [GeneratedRegex(@"^[+-]?(?:\d{1,3}(?:[. \u00A0\u202F]\d{3})+|\d+)?(?:,\d+)?(?<exponent>[eE][+-]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CommaDecimal();
}
