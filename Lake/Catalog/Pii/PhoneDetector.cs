using PhoneNumbers;

namespace Datapunk.Lake.Catalog.Pii;

/// <summary>
/// Phone numbers, found and validated by libphonenumber (Google's metadata of every numbering plan):
/// numbers written in international form (+…) in any country, and numbers written in national form for
/// the regions given. A run of digits that is not a valid number in one of those plans (a date, an
/// amount, an id) is not a phone number.
/// </summary>
internal static class PhoneDetector
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    public static void Find(string text, IReadOnlyList<string> nationalRegions, List<PiiFinding> findings)
    {
        if (CountDigits(text) < 7)
        {
            return;
        }

        // "ZZ" (unknown region) finds only the international form; each region adds its national form.
        var seen = new HashSet<int>();
        foreach (var region in nationalRegions.Prepend("ZZ"))
        {
            foreach (var match in Numbers.FindNumbers(text, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue))
            {
                if (seen.Add(match.Start))
                {
                    findings.Add(new PiiFinding(PiiKind.Phone, match.Start, match.RawString.Length));
                }
            }
        }
    }

    private static int CountDigits(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && ++digits >= 7)
            {
                break;
            }
        }

        return digits;
    }
}
