using Datapunk.Cortex.Answers.Questions;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>"Top N … in PERIOD" and "who did I write to most": a ranking (<see cref="Rankings"/>), each entry citing its most recent record.</summary>
internal sealed class TopTemplate(QuestionType type) : IQuestionTemplate
{
    public QuestionType Type => type;

    public async Task<TemplateResult> AnswerAsync(RecognisedQuestion question, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken)
    {
        if (type == QuestionType.Top)
        {
            var ranking = Rankings.Of(question.Dimension!.Value);
            var (text, citations) = await RankAsync(ranking, question, scope, read, cancellationToken);
            return new TemplateResult(text ?? $"I found nothing to rank as {ranking.Name} {AnswerScope.During(question.Period)}.", citations);
        }

        // Who did I write to: the recipients of sent mail, and the Discord channels written in.
        var (mail, mailCited) = await RankAsync(Rankings.Contacts, question, scope, read, cancellationToken);
        var (discord, discordCited) = await RankAsync(Rankings.DiscordChannels, question, scope, read, cancellationToken);
        var parts = new[] { mail, discord }.OfType<string>().ToList();
        return parts.Count == 0
            ? new TemplateResult(
                $"I found no mail you sent (Gmail's Sent label{(scope.UserEmail is null ? "" : $", or from {scope.UserEmail}")}) and no Discord messages {AnswerScope.During(question.Period)}.", [])
            : new TemplateResult(string.Join(" ", parts), [.. mailCited, .. discordCited]);
    }

    private static async Task<(string? Text, List<AnswerCitation> Citations)> RankAsync(
        Rankings.Ranking ranking, RecognisedQuestion question, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken)
    {
        await using var command = read.Command(Rankings.Sql(ranking));
        RecordFilters.Bind(command, scope, null);
        var (start, end) = scope.Range(question.Period);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.AddWithValue("limit", question.Limit);

        var entries = new List<string>();
        var citations = new List<AnswerCitation>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add($"{entries.Count + 1}. {(reader.IsDBNull(0) ? "?" : reader.GetString(0))} ({reader.GetInt64(1)} {ranking.Unit})");
                citations.Add(CitationSql.Read(reader, 2, scope));
            }
        }

        return entries.Count == 0
            ? (null, citations)
            : ($"Your top {entries.Count} {ranking.Name.Replace('_', ' ')} {AnswerScope.During(question.Period)}: {string.Join(", ", entries)}.", citations);
    }
}
