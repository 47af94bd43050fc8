using System.Text.RegularExpressions;

namespace Datapunk.Lake.Catalog.Pii;

/// <summary>
/// International bank account numbers (ISO 13616): a country code, two check digits and the account,
/// printed with or without spaces in groups of four. Only numbers whose check digits are right
/// (mod 97 = 1) and whose length is the one their country uses count.
/// </summary>
internal static partial class IbanDetector
{
    // Lengths of the countries' IBANs (the SWIFT registry); a country not listed is checked by mod 97 alone.
    private static readonly Dictionary<string, int> LengthByCountry = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AT"] = 20, ["BE"] = 16, ["BG"] = 22, ["CH"] = 21, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["EE"] = 20, ["ES"] = 24, ["FI"] = 18, ["FR"] = 27, ["GB"] = 22, ["GR"] = 27, ["HR"] = 21,
        ["HU"] = 28, ["IE"] = 22, ["IS"] = 26, ["IT"] = 27, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21,
        ["MC"] = 27, ["MT"] = 31, ["NL"] = 18, ["NO"] = 15, ["PL"] = 28, ["PT"] = 25, ["RO"] = 24, ["SE"] = 24,
        ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["TR"] = 26, ["UA"] = 29,
    };

    public static void Find(string text, List<PiiFinding> findings)
    {
        foreach (Match match in Candidate().Matches(text))
        {
            var compact = match.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (IsValid(compact))
            {
                findings.Add(new PiiFinding(PiiKind.Iban, match.Index, match.Length));
            }
        }
    }

    /// <summary>Whether <paramref name="iban"/> (no spaces, upper case) has its country's length and right check digits.</summary>
    public static bool IsValid(string iban)
    {
        if (iban.Length is < 15 or > 34)
        {
            return false;
        }

        if (LengthByCountry.TryGetValue(iban[..2], out var length) && iban.Length != length)
        {
            return false;
        }

        // Move the first four characters to the end, letters become 10..35, and the number mod 97 must be 1.
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    [GeneratedRegex(@"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();
}
