using Datapunk.Cortex.Answers.Questions;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>
/// "When did I last …" and "what did I … about …": the records of the activity's kinds whose text
/// names the topic, newest first, within the period when the question named one.
/// </summary>
internal sealed class TopicalRecordsTemplate(QuestionType type) : IQuestionTemplate
{
    private const int MaxAboutTopic = 20;
    private const int MaxWhenLast = 5;

    public QuestionType Type => type;

    public async Task<TemplateResult> AnswerAsync(RecognisedQuestion question, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken)
    {
        var activity = question.Activity!.Value;
        var (start, end) = scope.Range(question.Period);
        // Records that resemble the topic only count when none names it: "Brooklyn Bridge" must not
        // answer with a newer stay at "Pod Hotel Brooklyn" (found by the evaluation, docs/evaluation.md).
        await using var command = read.Command($"""
            WITH matched AS (
                SELECT r.*, {RecordFilters.NamesTopic} AS names_topic
                FROM user_data.records r
                WHERE r.user_id = @user AND r.kind = ANY(@kinds) AND r.occurred_at >= @start AND r.occurred_at < @end
                  AND {RecordFilters.Condition(activity)} AND {RecordFilters.Topic})
            SELECT {CitationSql.Columns()}, count(*) OVER ()
            FROM matched r {CitationSql.Files()}
            WHERE r.names_topic OR NOT EXISTS (SELECT 1 FROM matched named WHERE named.names_topic)
            ORDER BY r.occurred_at DESC, r.kind, r.identity
            LIMIT @limit
            """);
        RecordFilters.Bind(command, scope, question.Topic);
        command.Parameters.AddWithValue("kinds", RecordFilters.Kinds(activity));
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.AddWithValue("limit", type == QuestionType.WhenLast ? MaxWhenLast : MaxAboutTopic);

        var citations = new List<AnswerCitation>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                citations.Add(CitationSql.Read(reader, 0, scope));
                total = reader.GetInt64(CitationSql.Count);
            }
        }

        var verb = Verb(activity);
        if (citations.Count == 0)
        {
            return new TemplateResult($"Nothing you {verb} {AnswerScope.During(question.Period)} matches \"{question.Topic}\".", []);
        }

        if (type == QuestionType.WhenLast)
        {
            var last = citations[0];
            return new TemplateResult(
                $"The last time you {verb} \"{question.Topic}\" was {scope.Local(last.Time!.Value)} ({scope.ZoneLabel}): {last.Title ?? last.Kind}."
                + (citations.Count > 1 ? $" Before that: {string.Join("; ", citations.Skip(1).Select(c => $"{scope.Local(c.Time!.Value)} ({c.Title ?? c.Kind})"))}." : ""),
                citations);
        }

        var shown = total > citations.Count ? $" (the {citations.Count} most recent of {total})" : "";
        return new TemplateResult(
            $"{total} match{(total == 1 ? "" : "es")} for \"{question.Topic}\" among what you {verb} {AnswerScope.During(question.Period)}{shown}: "
            + string.Join("; ", citations.Select(c => $"{c.Title ?? c.Kind} ({scope.Local(c.Time!.Value)})")) + ".",
            citations);
    }

    private static string Verb(Activity activity) => activity switch
    {
        Activity.Listen => "listened to",
        Activity.Watch => "watched",
        Activity.Search => "searched for",
        Activity.Visit => "were at",
        Activity.Write => "wrote to",
        _ => "read",
    };
}
