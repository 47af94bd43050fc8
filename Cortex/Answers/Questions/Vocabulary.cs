using System.Text.RegularExpressions;

namespace Datapunk.Cortex.Answers.Questions;

/// <summary>
/// The words, in English, German and French, that name an activity (a question's verb), a thing to
/// count, or a thing to rank. Each table is read top to bottom; the first row whose words occur wins.
/// </summary>
internal static class Vocabulary
{
    private static readonly (Activity Activity, Regex Words)[] Activities =
    [
        (Activity.Listen, Words(@"listen\w*|hear|heard|play|played|gehört|hören|anhören|angehört|écouté\w*|écouter")),
        (Activity.Watch, Words(@"watch\w*|see|saw|seen|view\w*|gesehen|angeschaut|angesehen|geschaut|regardé\w*|vu\w*")),
        (Activity.Search, Words(@"search\w*|look(?:ed)? up|googl\w*|gesucht|gegoogelt|cherché\w*|recherché\w*")),
        (Activity.Visit, Words(@"visit\w*|go to|went to|gone to|been to|been|in|at|besucht|gewesen|war|visité\w*|allée?s?|été|à|au|aux|en|chez")),
        (Activity.Write, Words(@"write|wrote|written|writing|e-?mail\w*|mail\w*|messag\w*|geschrieben|schreiben|gemailt|écrit\w*|envoyé\w*")),
        (Activity.Browse, Words(@"read|browse\w*|gelesen|lu|lus|consulté\w*")),
    ];

    private static readonly (CountSubject Subject, Regex Words)[] CountSubjects =
    [
        (CountSubject.Steps, Words("steps|schritte|pas")),
        (CountSubject.Distance, Words("km|kilomet(?:re|er)s?|kilomètres?|miles|distance|strecke")),
        (CountSubject.ListeningTime, new Regex(@"^(?:music|musik|de musique)\b|\b(?:minutes|hours|time|minuten|stunden|zeit|temps|heures)\b.*\b(?:listen\w*|gehört|hören|écouté\w*)", Options)),
        (CountSubject.SpotifyPlays, Words("songs?|tracks?|plays|lieder|liedern|titel|stücke|chansons?|morceaux|titres?")),
        (CountSubject.YoutubeWatches, Words("videos?|vidéos?|youtube-videos")),
        (CountSubject.YoutubeSearches, Words("searches|suchen|suchanfragen|recherches")),
        (CountSubject.Emails, Words("e-?mails?|mails?|courriels?|nachrichten")),
        (CountSubject.PlaceVisits, Words("places|visits|orte|besuche|lieux|visites")),
        (CountSubject.BrowserVisits, Words("websites?|web ?pages|pages|webseiten|seiten|sites")),
    ];

    private static readonly Regex Sent = Words("send|sent|write|wrote|written|geschickt|gesendet|verschickt|geschrieben|envoyé\\w*|écrit\\w*");

    private static readonly (TopDimension Dimension, Regex Words)[] TopDimensions =
    [
        (TopDimension.Artists, Words(@"artists?|bands?|musicians?|singers?|künstler\w*|interpret\w*|sänger\w*|artistes?|groupes?|chanteurs?|musiciens?")),
        (TopDimension.Tracks, Words("songs?|tracks?|lieder|titel|stücke|chansons?|morceaux|titres?")),
        (TopDimension.Channels, Words(@"channels?|youtubers?|kanäle|kanal|chaînes?")),
        (TopDimension.Videos, Words(@"videos?|vidéos?|clips?")),
        (TopDimension.Websites, Words(@"websites?|web ?sites?|sites?|domains?|webseiten|seiten|domaines?")),
        (TopDimension.Searches, Words(@"searches|search terms|suchen|suchbegriffe|suchanfragen|recherches")),
        (TopDimension.Places, Words(@"places|locations|orte|plätze|lieux|endroits")),
        (TopDimension.Contacts, Words(@"contacts|people|recipients|correspondents|kontakte|personen|leute|empfänger|personnes|destinataires")),
    ];

    /// <summary>"by radiohead", "von radiohead", "de radiohead": whose plays or which place, up to the verb.</summary>
    private static readonly Regex TopicAfterSubject = new(
        @"^\s*(?:by|from|von|de|d'|du|des)\s*(?<topic>.+?)(?=\s+(?:did|do|have|has|habe|hab|hast|ai-je|ai|j'ai|est-ce)\b|$)", Options);

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    public static Activity? ActivityOf(string verb) => First(Activities, verb);

    public static TopDimension? DimensionOf(string words) => First(TopDimensions, words);

    /// <summary>The thing a how-many question counts, and the topic named after it ("songs by radiohead").</summary>
    public static (CountSubject Subject, string? Topic)? CountOf(string words)
    {
        foreach (var (subject, pattern) in CountSubjects)
        {
            if (pattern.Match(words) is { Success: true } match)
            {
                var topic = TopicAfterSubject.Match(words[(match.Index + match.Length)..]) is { Success: true } named
                    ? QuestionText.Topic(named.Groups["topic"].Value)
                    : null;
                var counted = subject == CountSubject.Emails && Sent.IsMatch(words) ? CountSubject.SentEmails : subject;
                return (counted, string.IsNullOrEmpty(topic) ? null : topic);
            }
        }

        return null;
    }

    /// <summary>What "who/which … did I (verb) most" ranks when it names no dimension.</summary>
    public static TopDimension DefaultDimension(Activity activity) => activity switch
    {
        Activity.Listen => TopDimension.Artists,
        Activity.Watch => TopDimension.Videos,
        Activity.Search => TopDimension.Searches,
        Activity.Visit => TopDimension.Places,
        Activity.Write => TopDimension.Contacts,
        _ => TopDimension.Websites,
    };

    private static T? First<T>((T Value, Regex Words)[] table, string text) where T : struct =>
        table.FirstOrDefault(row => row.Words.IsMatch(text)) is { Words: not null } found ? found.Value : null;

    private static Regex Words(string alternatives) => new($@"(?<![\w-])(?:{alternatives})(?![\w-])", Options);
}
