using System.Globalization;
using Datapunk.Cortex.Answers.Questions;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>
/// "How many / how much … in PERIOD": records of a kind counted (plays, watches, searches, mail, visits,
/// page visits; a topic narrows them), Spotify's play lengths added up, or Google Fit's daily step
/// counts and distances added up. Cites the ten most recent records counted (every Fit day, up to 62).
/// </summary>
internal sealed class CountTemplate : IQuestionTemplate
{
    private const int MaxCited = 10;
    private const int MaxFitDaysCited = 62;

    /// <summary>A play's length as both Spotify exports write it (extended history: ms_played; account data: msPlayed).</summary>
    private const string PlayedMilliseconds = """
        CASE WHEN jsonb_typeof(r.source -> 'ms_played') = 'number' THEN (r.source ->> 'ms_played')::float8
             WHEN jsonb_typeof(r.source -> 'msPlayed') = 'number' THEN (r.source ->> 'msPlayed')::float8 END
        """;

    private sealed record Measure(RecordKind Kind, string Noun, string Condition = "true", string? Sum = null, string? FitField = null);

    private static readonly Dictionary<CountSubject, Measure> Measures = new()
    {
        [CountSubject.SpotifyPlays] = new(RecordKind.SpotifyPlay, "Spotify plays"),
        [CountSubject.ListeningTime] = new(RecordKind.SpotifyPlay, "Spotify plays", Sum: PlayedMilliseconds),
        [CountSubject.YoutubeWatches] = new(RecordKind.YoutubeWatch, "YouTube videos watched"),
        [CountSubject.YoutubeSearches] = new(RecordKind.YoutubeSearch, "YouTube searches"),
        [CountSubject.Emails] = new(RecordKind.Email, "e-mails"),
        [CountSubject.SentEmails] = new(RecordKind.Email, "e-mails sent", RecordFilters.SentMail),
        [CountSubject.PlaceVisits] = new(RecordKind.PlaceVisit, "place visits"),
        [CountSubject.BrowserVisits] = new(RecordKind.BrowserVisit, "visits to web pages"),
        [CountSubject.Steps] = new(RecordKind.FitDay, "Google Fit days", FitField: "Step count"),
        [CountSubject.Distance] = new(RecordKind.FitDay, "Google Fit days", FitField: "Distance (m)"),
    };

    public QuestionType Type => QuestionType.Count;

    public async Task<TemplateResult> AnswerAsync(RecognisedQuestion question, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken)
    {
        var measure = Measures[question.Subject!.Value];
        var fit = measure.FitField is not null;
        await using var command = read.Command($"""
            SELECT {CitationSql.Columns()}, count(*) OVER (), coalesce(sum({(fit ? "(r.source ->> @field)::float8" : measure.Sum ?? "0::float8")}) OVER (), 0)
            FROM user_data.records r {CitationSql.Files()}
            WHERE r.user_id = @user AND r.kind = {(short)measure.Kind} AND {measure.Condition}
              AND {(question.Topic is null ? "true" : RecordFilters.Topic)}
              AND {(fit
                  ? "jsonb_typeof(r.source -> @field) = 'number' AND r.occurred_at >= @first::timestamp AT TIME ZONE 'UTC' AND r.occurred_at < (@last + 1)::timestamp AT TIME ZONE 'UTC'"
                  : "r.occurred_at >= @start AND r.occurred_at < @end")}
            ORDER BY r.occurred_at {(fit ? "" : "DESC")}, r.identity
            LIMIT {(fit ? MaxFitDaysCited : MaxCited)}
            """);
        RecordFilters.Bind(command, scope, question.Topic);
        var (start, end) = scope.Range(question.Period);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        // Fit days are calendar dates, stored at UTC midnight: compared as dates, in any zone.
        command.Parameters.AddWithValue("first", question.Period?.First ?? new DateOnly(1800, 1, 1));
        command.Parameters.AddWithValue("last", question.Period?.Last ?? new DateOnly(2999, 12, 31));
        command.Parameters.AddWithValue("field", measure.FitField ?? "");

        var citations = new List<AnswerCitation>();
        long count = 0;
        double sum = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                citations.Add(CitationSql.Read(reader, 0, scope));
                (count, sum) = (reader.GetInt64(CitationSql.Count), reader.GetDouble(CitationSql.Count + 1));
            }
        }

        var during = AnswerScope.During(question.Period);
        var about = question.Topic is null ? "" : $" matching \"{question.Topic}\"";
        var text = question.Subject switch
        {
            _ when count == 0 => $"I found no {measure.Noun}{about} {during}, so I cannot say.",
            CountSubject.Steps => $"You walked {sum.ToString("N0", CultureInfo.InvariantCulture)} steps {during}, by Google Fit's counts for {count} day{Plural(count)}.",
            CountSubject.Distance => $"You covered {(sum / 1000).ToString("N1", CultureInfo.InvariantCulture)} km {during}, by Google Fit's distances for {count} day{Plural(count)}.",
            CountSubject.ListeningTime => $"You listened to Spotify{about} for {Duration(sum)} {during}, in {count.ToString("N0", CultureInfo.InvariantCulture)} play{Plural(count)}.",
            _ => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {measure.Noun}{about} {during}.",
        };
        if (count > citations.Count)
        {
            text += fit ? $" The first {citations.Count} days are cited." : $" The {citations.Count} most recent are cited.";
        }

        return new TemplateResult(text, citations);
    }

    private static string Plural(long count) => count == 1 ? "" : "s";

    private static string Duration(double milliseconds)
    {
        var minutes = (long)Math.Round(milliseconds / 60_000);
        return minutes < 60 ? $"{minutes} minute{Plural(minutes)}" : $"{minutes / 60} h {minutes % 60:00} min";
    }
}
