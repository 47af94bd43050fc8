using System.Text;

namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// Backslash escapes of iCalendar and vCard text values (<c>\,</c> <c>\;</c> <c>\n</c> <c>\\</c> and
/// the non-standard <c>\:</c> Google writes in URLs) and splitting of structured values on unescaped separators.
/// </summary>
public static class ContentValues
{
    public static string Unescape(ReadOnlySpan<char> value)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value.ToString();
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\' || i == value.Length - 1)
            {
                result.Append(c);
                continue;
            }

            var next = value[++i];
            result.Append(next is 'n' or 'N' ? '\n' : next);
        }

        return result.ToString();
    }

    /// <summary>Splits on a separator that is not escaped, then unescapes each part (<c>N</c>, <c>ADR</c>, comma lists).</summary>
    public static List<string> Split(ReadOnlySpan<char> value, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == separator)
            {
                parts.Add(Unescape(value[start..i]));
                start = i + 1;
            }
        }

        parts.Add(Unescape(value[start..]));
        return parts;
    }
}
