using System.Globalization;
using System.Text.RegularExpressions;

namespace Datapunk.Cortex.Answers.Questions;

/// <summary>The small text operations the grammar needs: a question read lower-case with single spaces, numbers in words, articles.</summary>
internal static partial class QuestionText
{
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eins"] = 1, ["zwei"] = 2, ["drei"] = 3, ["vier"] = 4, ["fünf"] = 5, ["sechs"] = 6, ["sieben"] = 7, ["acht"] = 8, ["neun"] = 9, ["zehn"] = 10,
        ["un"] = 1, ["deux"] = 2, ["trois"] = 3, ["quatre"] = 4, ["cinq"] = 5, ["sept"] = 7, ["huit"] = 8, ["neuf"] = 9, ["dix"] = 10,
    };

    /// <summary>Lower case, typographic apostrophes made plain, the closing punctuation gone, one space between words.</summary>
    public static string Normalise(string question) =>
        Collapse(question.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'')).TrimEnd('?', '.', '!', ' ');

    public static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    /// <summary>A count written as digits or as a word of the three languages; null for anything else.</summary>
    public static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : NumberWords.TryGetValue(text, out var word) ? word : null;

    /// <summary>The topic without a leading article or possessive ("the louvre" → "louvre", "la cuisine" → "cuisine").</summary>
    public static string Topic(string text) => Collapse(LeadingArticle().Replace(text.Trim(' ', '"', '\'', ',', '.'), ""));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // An article is a word of its own ("astronomy" keeps its "a"); only the elided "l'" joins the next word.
    [GeneratedRegex(@"^(?:(?:the|a|an|my|der|die|das|dem|den|ein|eine|einen|le|la|les|un|une|des|du|mon|ma|mes)\s+|l'\s*)+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingArticle();
}
