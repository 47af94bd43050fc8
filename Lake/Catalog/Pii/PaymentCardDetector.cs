using System.Text.RegularExpressions;

namespace Datapunk.Lake.Catalog.Pii;

/// <summary>
/// Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes, starting as the card
/// networks' numbers do (2-6), whose Luhn check digit is right. Epoch milliseconds and other long ids
/// start with 1 or fail the check.
/// </summary>
internal static partial class PaymentCardDetector
{
    public static void Find(string text, List<PiiFinding> findings)
    {
        foreach (Match match in Candidate().Matches(text))
        {
            var digits = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is >= 13 and <= 19 && digits[0] is >= '2' and <= '6' && PassesLuhn(digits))
            {
                findings.Add(new PiiFinding(PiiKind.PaymentCard, match.Index, match.Length));
            }
        }
    }

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();
}
