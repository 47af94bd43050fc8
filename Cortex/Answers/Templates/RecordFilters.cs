using Datapunk.Cortex.Answers.Questions;
using Npgsql;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>
/// SQL conditions over <c>user_data.records r</c> that templates share, written against what the Lake's
/// readers store (Lake/Formats): which kinds an activity means, mail the user sent, text about a topic.
/// Parameters: <c>@email</c> (the user's address, or empty), <c>@topic</c> and <c>@pattern</c>.
/// </summary>
internal static class RecordFilters
{
    /// <summary>Mail the user sent: Gmail's Sent label, or the user's own address in From.</summary>
    public const string SentMail = "(r.source -> 'labels' ? 'Sent' OR (@email <> '' AND r.source ->> 'from' ILIKE '%' || @email || '%'))";

    /// <summary>The topic in the title (track, video, place, subject), the text (channel, body) or the recipients.</summary>
    public const string NamesTopic = "(r.title ILIKE @pattern OR r.body ILIKE @pattern OR r.source ->> 'to' ILIKE @pattern)";

    /// <summary><see cref="NamesTopic"/>, or a title word resembling the topic.</summary>
    public const string Topic = $"({NamesTopic} OR @topic <% r.title)";

    /// <summary>The kinds of records an activity leaves.</summary>
    public static short[] Kinds(Activity activity) => activity switch
    {
        Activity.Listen => [(short)RecordKind.SpotifyPlay],
        Activity.Watch => [(short)RecordKind.YoutubeWatch],
        // Google searches are My Activity events titled "Searched for …"; YouTube's have their own kind.
        Activity.Search => [(short)RecordKind.YoutubeSearch, (short)RecordKind.ActivityEvent],
        Activity.Visit => [(short)RecordKind.PlaceVisit],
        Activity.Write => [(short)RecordKind.Email, (short)RecordKind.DiscordMessage],
        _ => [(short)RecordKind.BrowserVisit],
    };

    /// <summary>What else an activity asks of its kinds' records: only sent mail is written, only "Searched for" events are searches.</summary>
    public static string Condition(Activity activity) => activity switch
    {
        Activity.Write => $"(r.kind <> {(short)RecordKind.Email} OR {SentMail})",
        Activity.Search => $"(r.kind <> {(short)RecordKind.ActivityEvent} OR r.title ILIKE 'searched for %')",
        _ => "true",
    };

    public static void Bind(NpgsqlCommand command, AnswerScope scope, string? topic)
    {
        command.Parameters.AddWithValue("user", scope.UserId);
        command.Parameters.AddWithValue("email", scope.UserEmail ?? "");
        command.Parameters.AddWithValue("topic", topic ?? "");
        command.Parameters.AddWithValue("pattern", topic is null ? "%" : $"%{EscapeLike(topic)}%");
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
