using System.Text.RegularExpressions;

namespace Datapunk.Cortex.Answers.Questions;

/// <summary>
/// The grammar: one row per phrasing of a question type in one language, matched against the question
/// lower-cased and with its period taken out (<see cref="PeriodPhrases"/>). Rows are tried in order;
/// a row whose words do not resolve (a verb or subject the vocabulary lacks) lets the next one try.
/// Named groups: <c>verb</c>, <c>topic</c>, <c>rest</c> (what is counted or ranked).
/// </summary>
internal static class QuestionPatterns
{
    public delegate RecognisedQuestion? Reader(Match match, LocalPeriod? period, string language);

    public sealed record Row(QuestionType Type, string Language, Regex Pattern, Reader Read);

    private const string EnVerbs = "listen to|listen|hear|play|watch|see|search for|search|look up|visit|go to|write to|write|e-?mail|mail|message|read|browse";

    public static IReadOnlyList<Row> Rows { get; } =
    [
        // Where was I …
        new(QuestionType.WhereWasI, "en", Rx(@"^where (?:was i|have i been|did i go|did i spend the day|i was)\b.*$"), WhereWasI),
        new(QuestionType.WhereWasI, "de", Rx(@"^wo (?:war ich|bin ich gewesen|habe ich mich aufgehalten)\b.*$"), WhereWasI),
        new(QuestionType.WhereWasI, "fr", Rx(@"^où (?:étais-je|étais je|j'étais|est-ce que j'étais|suis-je allée?|ai-je été)\b.*$"), WhereWasI),

        // When did I last …
        new(QuestionType.WhenLast, "en", Rx(@"^when was i last (?:in|at) (?<topic>.+)$"), Visited),
        new(QuestionType.WhenLast, "en", Rx($@"^(?:when did i last|when was the last time i|the last time i) (?<verb>{EnVerbs}|listened to|watched|searched for|visited|went to|wrote to|emailed) (?<topic>.+)$"), WhenLast),
        new(QuestionType.WhenLast, "de", Rx(@"^wann war ich (?:zuletzt|das letzte mal|zum letzten mal) (?:in|im|bei|am|an|auf) (?:der |dem |den )?(?<topic>.+)$"), Visited),
        new(QuestionType.WhenLast, "de", Rx(@"^wann (?:habe|hab) ich (?:zuletzt|das letzte mal|zum letzten mal) (?:an |nach |über |mit )?(?<topic>.+?) (?<verb>gehört|gesehen|angeschaut|angesehen|gesucht|besucht|geschrieben|gemailt|gelesen)$"), WhenLast),
        new(QuestionType.WhenLast, "fr", Rx(@"^quand (?:suis-je|est-ce que je suis|étais-je) (?:allée? |venue? )?(?:pour la dernière fois )?(?:à|au|aux|en|chez) (?<topic>.+?)(?: pour la dernière fois)?$"), Visited),
        new(QuestionType.WhenLast, "fr", Rx(@"^quand (?:ai-je|est-ce que j'ai|j'ai) (?:pour la dernière fois )?(?<verb>écouté|regardé|vu|cherché|recherché|visité|écrit|lu)(?: à| a)? (?<topic>.+?)(?: pour la dernière fois)?$"), WhenLast),

        // How many / how much …
        new(QuestionType.Count, "en", Rx(@"^how (?:many times|often) (?:did i|have i|was i|i) (?:visit(?:ed)?|go to|gone to|went to|been to|been at|been in|be at|be in|at|in|to)? ?(?<topic>.+)$"), VisitCount),
        new(QuestionType.Count, "en", Rx(@"^how far did i (?:walk|travel|go|run|move|cycle)\b.*$"), (_, period, language) => Counted(CountSubject.Distance, null, period, language)),
        new(QuestionType.Count, "en", Rx(@"^how long did i listen(?: to (?:music|spotify)?(?<topic>.*))?$"), Listened),
        new(QuestionType.Count, "en", Rx(@"^how (?:many|much) (?<rest>.+)$"), Count),
        new(QuestionType.Count, "de", Rx(@"^wie oft (?:war ich|bin ich|habe ich) (?:in|im|bei|am|an|auf) (?:der |dem |den )?(?<topic>.+?)(?: gewesen| besucht| gegangen)?$"), VisitCount),
        new(QuestionType.Count, "de", Rx(@"^wie weit bin ich\b.*$"), (_, period, language) => Counted(CountSubject.Distance, null, period, language)),
        new(QuestionType.Count, "de", Rx(@"^wie lange habe ich (?:(?:musik|spotify) )?(?:(?<topic>.+?) )?gehört$"), Listened),
        new(QuestionType.Count, "de", Rx(@"^wie ?viele? (?<rest>.+)$"), Count),
        new(QuestionType.Count, "fr", Rx(@"^combien de fois (?:suis-je|ai-je|j'ai|je suis) (?:allée?|été|visité|passée?) (?:à |au |aux |en |chez )?(?<topic>.+)$"), VisitCount),
        new(QuestionType.Count, "fr", Rx(@"^combien de temps (?:ai-je|j'ai) écouté(?: de la musique| spotify)?(?: (?<topic>.+))?$"), Listened),
        new(QuestionType.Count, "fr", Rx(@"^combien (?<rest>.+)$"), Count),

        // Who did I write to most (before the rankings, whose "who … most" it is a case of)
        new(QuestionType.WroteMost, "en", Rx(@"^(?:who|whom|to whom)\b.*\b(?:write|wrote|written|e-?mail\w*|mail\w*|messag\w*|send|sent)\b.*\bmost\b.*$"), WroteMost),
        new(QuestionType.WroteMost, "de", Rx(@"^(?:wem|an wen|mit wem)\b(?=.*\b(?:meisten|häufigsten|öftesten)\b).*\b(?:geschrieben|gemailt|geschickt)$"), WroteMost),
        new(QuestionType.WroteMost, "fr", Rx(@"^à qui\b(?=.*\bplus\b).*\b(?:écrit|envoyé)\b.*$"), WroteMost),

        // Top N …
        new(QuestionType.Top, "en", Rx(@"^(?:(?:what|who|which) (?:are|were) )?(?:my )?top (?<rest>.+)$"), Top),
        new(QuestionType.Top, "en", Rx(@"^(?:my )?most (?<verb>played|listened to|watched|visited|searched|emailed) (?<rest>.+)$"), Top),
        new(QuestionType.Top, "en", Rx($@"^(?:which|what|who|whom) (?:(?<rest>.+?) )?did i (?<verb>{EnVerbs}) (?:the )?most(?: often)?$"), Top),
        new(QuestionType.Top, "de", Rx(@"^(?:was sind |was waren )?(?:meine )?top (?<rest>.+)$"), Top),
        new(QuestionType.Top, "de", Rx(@"^(?:welche|welchen|welcher|wen) (?:(?<rest>.+?) )?habe ich am (?:meisten|häufigsten|öftesten) (?<verb>gehört|gesehen|angeschaut|besucht|gesucht)$"), Top),
        new(QuestionType.Top, "fr", Rx(@"^(?:quels sont |quel est )?(?:mes |le )?top (?<rest>.+)$"), Top),
        new(QuestionType.Top, "fr", Rx(@"^(?:quels|quelles|quel|quelle|qui) (?:(?<rest>.+?) )?(?:ai-je|j'ai) le plus (?<verb>écouté\w*|regardé\w*|visité\w*|cherché\w*|recherché\w*)$"), Top),

        // What did I watch / search / listen to about …
        new(QuestionType.AboutTopic, "en", Rx(@"^what (?:\w+ )?did i (?<verb>watch|search for|search|look up|listen to|read|browse) (?:about|on|regarding|concerning|related to) (?<topic>.+)$"), AboutTopic),
        new(QuestionType.AboutTopic, "de", Rx(@"^was habe ich (?:über|zu|zum thema|zur|zum) (?<topic>.+?) (?<verb>gesehen|angeschaut|angesehen|gesucht|gehört|gelesen)$"), AboutTopic),
        new(QuestionType.AboutTopic, "fr", Rx(@"^(?:qu'est-ce que j'ai|qu'ai-je) (?<verb>regardé|vu|cherché|recherché|écouté|lu) (?:sur|à propos de|au sujet de|concernant) (?<topic>.+)$"), AboutTopic),

    ];

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    private static RecognisedQuestion WhereWasI(Match match, LocalPeriod? period, string language) => new(QuestionType.WhereWasI, language, period);

    private static RecognisedQuestion WroteMost(Match match, LocalPeriod? period, string language) =>
        new(QuestionType.WroteMost, language, period, Activity.Write, Dimension: TopDimension.Contacts);

    private static RecognisedQuestion? Visited(Match match, LocalPeriod? period, string language) =>
        Topical(QuestionType.WhenLast, Activity.Visit, match, period, language);

    private static RecognisedQuestion? WhenLast(Match match, LocalPeriod? period, string language) =>
        Vocabulary.ActivityOf(match.Groups["verb"].Value) is { } activity ? Topical(QuestionType.WhenLast, activity, match, period, language) : null;

    private static RecognisedQuestion? AboutTopic(Match match, LocalPeriod? period, string language) =>
        Vocabulary.ActivityOf(match.Groups["verb"].Value) is { } activity ? Topical(QuestionType.AboutTopic, activity, match, period, language) : null;

    private static RecognisedQuestion? Topical(QuestionType type, Activity activity, Match match, LocalPeriod? period, string language) =>
        QuestionText.Topic(match.Groups["topic"].Value) is { Length: > 0 } topic ? new(type, language, period, activity, Topic: topic) : null;

    private static RecognisedQuestion? VisitCount(Match match, LocalPeriod? period, string language) =>
        QuestionText.Topic(match.Groups["topic"].Value) is { Length: > 0 } topic
            ? Counted(CountSubject.PlaceVisits, topic, period, language)
            : null;

    private static RecognisedQuestion Listened(Match match, LocalPeriod? period, string language) =>
        Counted(CountSubject.ListeningTime, QuestionText.Topic(match.Groups["topic"].Value) is { Length: > 0 } topic ? topic : null, period, language);

    private static RecognisedQuestion? Count(Match match, LocalPeriod? period, string language) =>
        Vocabulary.CountOf(match.Groups["rest"].Value) is { } counted ? Counted(counted.Subject, counted.Topic, period, language) : null;

    private static RecognisedQuestion Counted(CountSubject subject, string? topic, LocalPeriod? period, string language) =>
        new(QuestionType.Count, language, period, Subject: subject, Topic: topic);

    private static RecognisedQuestion? Top(Match match, LocalPeriod? period, string language)
    {
        var words = match.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var limit = 5;
        if (words.Count > 0 && QuestionText.Number(words[0]) is { } number)
        {
            limit = Math.Clamp(number, 1, RecognisedQuestion.MaxLimit);
            words.RemoveAt(0);
        }

        var rest = string.Join(' ', words);
        var dimension = Vocabulary.DimensionOf(rest)
            ?? (Vocabulary.ActivityOf(match.Groups["verb"].Value) is { } activity ? Vocabulary.DefaultDimension(activity) : null);
        return dimension is { } ranked ? new(QuestionType.Top, language, period, Dimension: ranked, Limit: limit) : null;
    }
}
