using System.Text.RegularExpressions;

namespace Datapunk.Lake.Catalog.Pii;

/// <summary>E-mail addresses: a local part, an at sign and a domain with a top-level label of letters.</summary>
internal static partial class EmailDetector
{
    public static void Find(string text, List<PiiFinding> findings)
    {
        if (!text.Contains('@'))
        {
            return;
        }

        foreach (Match match in Address().Matches(text))
        {
            findings.Add(new PiiFinding(PiiKind.Email, match.Index, match.Length));
        }
    }

    [GeneratedRegex(@"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
