using System.Text;
using AnyAscii;

namespace Datapunk.Lake.Tables;

/// <summary>
/// Column names from a file's headers: lower-case SQL identifiers (<c>^[a-z_][a-z0-9_]{0,62}$</c>), unique in
/// the table. A header is transliterated to ASCII (<c>Größe</c> -> <c>grosse</c>, <c>Дата операции</c> ->
/// <c>data_operatsii</c>), any run of characters but letters and digits becomes one underscore (<c>Amount (EUR)</c> ->
/// <c>amount_eur</c>), a leading digit gets an underscore, a header with nothing left or none at all becomes
/// <c>column_N</c> by its position, and a repeated name gets <c>_2</c>, <c>_3</c>, ….
/// </summary>
public static class ColumnNames
{
    public const int MaxLength = 63;

    /// <summary>Whether <paramref name="name"/> may name a column or a table.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && (name[0] is '_' or (>= 'a' and <= 'z')) && name.All(c => c is '_' or (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    public const string Rule = "a lower-case SQL identifier: a letter or underscore, then letters, digits or underscores, at most 63 in all";

    /// <summary>A unique identifier for each header, in order.</summary>
    public static IReadOnlyList<string> From(IReadOnlyList<string?> headers)
    {
        var names = new List<string>(headers.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = Identifier(headers[i]) ?? $"column_{i + 1}";
            var unique = name;
            for (var n = 2; !taken.Add(unique); n++)
            {
                var suffix = $"_{n}";
                unique = name[..Math.Min(name.Length, MaxLength - suffix.Length)] + suffix;
            }

            names.Add(unique);
        }

        return names;
    }

    /// <summary>The identifier <paramref name="header"/> reads as, or null when nothing of it is left.</summary>
    public static string? Identifier(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        // In ASCII first (AnyAscii: Größe -> Grosse, Дата -> Data, Ημερομηνία -> Imerominia, 日付 -> RiFu), then
        // every run of anything but a letter or digit one underscore, except an apostrophe, which is dropped: it
        // stands for a letter (Hebrew's aleph, התאריך -> ht'rykh) or joins one word (Driver's -> drivers).
        var ascii = header.Transliterate();
        var name = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                name.Append(lower);
            }
            else if (lower != '\'' && name.Length > 0 && name[^1] != '_')
            {
                name.Append('_');
            }
        }

        var text = name.ToString().Trim('_');
        if (text.Length == 0)
        {
            return null;
        }

        if (char.IsAsciiDigit(text[0]))
        {
            text = "_" + text;
        }

        return text.Length <= MaxLength ? text : text[..MaxLength].TrimEnd('_');
    }
}
