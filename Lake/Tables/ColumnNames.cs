using System.Text;

namespace Datapunk.Lake.Tables;

/// <summary>
/// Column names from a file's headers: lower-case SQL identifiers (<c>^[a-z_][a-z0-9_]{0,62}$</c>), unique in
/// the table. Accents are dropped (<c>Größe</c> -> <c>grosse</c>), any other run of
/// characters becomes one underscore (<c>Amount (EUR)</c> -> <c>amount_eur</c>), a leading digit gets an underscore,
/// a header with nothing Latin left (<c>日付</c>) or none at all becomes <c>column_N</c> by its position, and a repeated
/// name gets <c>_2</c>, <c>_3</c>, ….
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

    /// <summary>
    /// A letter as plain Latin: accented Latin letters without their accents (the host runs with invariant
    /// globalization, so Unicode decomposition is not at hand), a few ligatures spelled out, any other character "_".
    /// </summary>
    private static string Latin(char c)
    {
        if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
        {
            return c.ToString();
        }

        var special = c switch
        {
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'þ' => "th",
            _ => null,
        };
        if (special is not null)
        {
            return special;
        }

        var index = AccentedLetters.IndexOf(c);
        return index >= 0 ? PlainLetters[index].ToString() : "_";
    }

    private const string AccentedLetters = "àáâãäåāăąçćĉċčďđðèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňŉòóôõöøōŏőŕŗřśŝşšșţťŧțùúûüũūŭůűųŵýÿŷźżž";
    private const string PlainLetters = "aaaaaaaaacccccdddeeeeeeeeegggghhiiiiiiiiijklllllnnnnnooooooooorrrsssssttttuuuuuuuuuuwyyyzzz";

    /// <summary>The identifier <paramref name="header"/> reads as, or null when nothing of it is left.</summary>
    public static string? Identifier(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var name = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            var latin = Latin(char.ToLowerInvariant(c));
            if (latin == "_" && (name.Length == 0 || name[^1] == '_'))
            {
                continue;
            }

            name.Append(latin);
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
