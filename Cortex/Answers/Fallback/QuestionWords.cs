using System.Text.RegularExpressions;

namespace Datapunk.Cortex.Answers.Fallback;

/// <summary>
/// The content words of a question: what a search for the records it is about looks for, without the
/// small words of English, German and French that every question has ("what", "wann", "quand", …).
/// </summary>
public static partial class QuestionWords
{
    public const int MaxWords = 6;

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "what", "when", "where", "who", "which", "did", "does", "have", "has", "was", "were", "are", "you", "your",
        "about", "with", "from", "that", "this", "there", "how", "many", "much", "last", "any", "all", "can", "could", "would", "tell",
        "der", "die", "das", "und", "ich", "mir", "mich", "habe", "hab", "hat", "war", "was", "wann", "wer", "wie", "welche", "über", "mit", "von",
        "les", "des", "une", "est", "que", "qui", "quoi", "quand", "comment", "pour", "avec", "sur", "dans", "j'ai", "ai-je", "mes", "mon",
    };

    /// <summary>At most <see cref="MaxWords"/> distinct content words, lower-cased, in the question's order.</summary>
    public static IReadOnlyList<string> Of(string question) =>
        [.. Words().Matches(question.ToLowerInvariant()).Select(match => match.Value)
            .Where(word => word.Length >= 3 && !SmallWords.Contains(word)).Distinct().Take(MaxWords)];

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*")]
    private static partial Regex Words();
}
