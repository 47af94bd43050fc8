namespace Datapunk.Cortex.Answers.Questions;

/// <summary>The kinds of question answered without a language model, by a template each (Cortex/Answers/Templates).</summary>
public enum QuestionType
{
    /// <summary>Where was I on a day, or at a time of a day.</summary>
    WhereWasI,

    /// <summary>When did I last do something (listen to, watch, search for, visit, write to).</summary>
    WhenLast,

    /// <summary>How many or how much of something in a period.</summary>
    Count,

    /// <summary>The top N of something in a period.</summary>
    Top,

    /// <summary>What did I watch, search for or listen to about a topic.</summary>
    AboutTopic,

    /// <summary>Who did I write to most.</summary>
    WroteMost,
}

/// <summary>What someone did with a record, as a question's verb says: decides which kinds of records it is about.</summary>
public enum Activity
{
    Listen,
    Watch,
    Search,
    Visit,
    Write,
    Browse,
}

/// <summary>What a how-many or how-much question counts or adds up.</summary>
public enum CountSubject
{
    SpotifyPlays,
    ListeningTime,
    YoutubeWatches,
    YoutubeSearches,
    Emails,
    SentEmails,
    PlaceVisits,
    BrowserVisits,
    Steps,
    Distance,
}

/// <summary>What a top-N question ranks.</summary>
public enum TopDimension
{
    Artists,
    Tracks,
    Channels,
    Videos,
    Websites,
    Searches,
    Places,
    Contacts,
}

public static class QuestionNames
{
    /// <summary>The template's name in answers (<c>where_was_i</c>): part of the API's contract.</summary>
    public static string ToName(this QuestionType type) => type switch
    {
        QuestionType.WhereWasI => "where_was_i",
        QuestionType.WhenLast => "when_last",
        QuestionType.Count => "count",
        QuestionType.Top => "top",
        QuestionType.AboutTopic => "about_topic",
        QuestionType.WroteMost => "wrote_most",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>snake_case of an enum value, as parameters show it (<c>spotify_plays</c>).</summary>
    public static string Snake<T>(this T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
