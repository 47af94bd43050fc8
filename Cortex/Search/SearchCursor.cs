using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Search;

/// <summary>
/// Where a page of search results ended: the last result's fused score, kind and identity, which
/// order the results totally. Scores are exact decimals computed the same way on every page, so the
/// next page starts strictly after this one without repeating or skipping a result. A cursor only
/// positions a search of the caller's own records; it grants nothing.
/// </summary>
public sealed record SearchCursor(decimal Score, short Kind, string Identity)
{
    private const string Version = "s1";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}|{Score.ToString(CultureInfo.InvariantCulture)}|{Kind}|{Identity}"));

    /// <summary>The cursor <paramref name="token"/> encodes, or null (and an error) when it is not one this API issued.</summary>
    public static SearchCursor? Decode(string? token, QueryErrors errors)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (TryDecode(token) is { } cursor)
        {
            return cursor;
        }

        errors.Add("after", "The cursor is not one this API issued: pass the 'next' value of the previous page unchanged.");
        return null;
    }

    private static SearchCursor? TryDecode(string token)
    {
        if (token.Length > 2_000)
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = text.Split('|', 4);
        return parts.Length == 4 && parts[0] == Version
            && decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score)
            && short.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var kind)
                ? new SearchCursor(score, kind, parts[3])
                : null;
    }
}
