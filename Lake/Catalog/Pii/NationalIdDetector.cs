using System.Globalization;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Catalog.Pii;

/// <summary>
/// National identity numbers whose shape or checksum tells them apart from other numbers: United
/// States Social Security numbers written with dashes (area, group and serial never zero, area not 666
/// or 9xx), United Kingdom National Insurance numbers (two letters from the allowed set, six digits, a
/// letter A-D) and French social security numbers (NIR, 15 digits whose last two are 97 minus the rest
/// mod 97). Bare nine-digit runs are not taken for SSNs: too many other numbers look the same.
/// </summary>
internal static partial class NationalIdDetector
{
    public static void Find(string text, List<PiiFinding> findings)
    {
        foreach (Match match in UnitedStatesSsn().Matches(text))
        {
            findings.Add(new PiiFinding(PiiKind.NationalId, match.Index, match.Length));
        }

        foreach (Match match in UnitedKingdomNino().Matches(text))
        {
            findings.Add(new PiiFinding(PiiKind.NationalId, match.Index, match.Length));
        }

        foreach (Match match in FrenchNir().Matches(text))
        {
            if (HasRightNirKey(match.Value))
            {
                findings.Add(new PiiFinding(PiiKind.NationalId, match.Index, match.Length));
            }
        }
    }

    private static bool HasRightNirKey(string value)
    {
        var compact = value.Replace(" ", string.Empty, StringComparison.Ordinal);
        // Corsica's departments 2A and 2B count as 19 and 18 for the key.
        var body = compact[..13];
        var subtract = 0L;
        if (body.Contains("2A", StringComparison.Ordinal))
        {
            body = body.Replace("2A", "19", StringComparison.Ordinal);
            subtract = 1_000_000;
        }
        else if (body.Contains("2B", StringComparison.Ordinal))
        {
            body = body.Replace("2B", "18", StringComparison.Ordinal);
            subtract = 2_000_000;
        }

        var number = long.Parse(body, CultureInfo.InvariantCulture) - subtract;
        var key = int.Parse(compact[13..], CultureInfo.InvariantCulture);
        return key == 97 - (int)(number % 97);
    }

    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex UnitedStatesSsn();

    [GeneratedRegex(@"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.CultureInvariant)]
    private static partial Regex UnitedKingdomNino();

    [GeneratedRegex(@"(?<!\d)[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex FrenchNir();
}
