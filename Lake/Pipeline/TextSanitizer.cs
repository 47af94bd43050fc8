using System.Text;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Makes text storable in PostgreSQL: <c>text</c> cannot hold NUL characters and UTF-8 cannot
/// carry unpaired surrogates; <c>jsonb</c> refuses the same as <c>\u0000</c> and lone
/// <c>\uD800</c>-style escapes. Exports do contain them (binary junk in titles, cut emoji).
/// </summary>
internal static partial class TextSanitizer
{
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan();
        if (span.IndexOf('\0') < 0 && span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return clean.ToString();
    }

    /// <summary>Replaces <c>\u0000</c> and unpaired surrogate escapes in serialised JSON.</summary>
    public static string CleanJson(string json) =>
        json.Contains("\\u", StringComparison.Ordinal) ? UnstorableEscape().Replace(json, UnpairedEscape) : json;

    private static string UnpairedEscape(Match match) =>
        match.Groups["pair"].Success ? match.Value : "\\uFFFD";

    // A surrogate pair is kept whole; \u0000 and a lone surrogate (high without low, or low alone) are replaced.
    // (A literal backslash followed by "u0000" in the source text is replaced too: harmless.)
    [GeneratedRegex(@"(?<pair>\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})|\\u0000|\\u[dD][89a-fA-F][0-9a-fA-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex UnstorableEscape();
}
