using Datapunk.Cortex.Answers.Questions;
using Datapunk.Cortex.Places;
using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>Answers a recognised question with its type's template, in one read-only transaction scoped to the user.</summary>
public sealed class TemplateAnswerer(NpgsqlDataSource dataSource, LocalTimes localTimes)
{
    private static readonly IQuestionTemplate[] Templates =
    [
        new WhereWasITemplate(),
        new TopicalRecordsTemplate(QuestionType.WhenLast),
        new CountTemplate(),
        new TopTemplate(QuestionType.Top),
        new TopicalRecordsTemplate(QuestionType.AboutTopic),
        new TopTemplate(QuestionType.WroteMost),
    ];

    public async Task<TemplateResult> AnswerAsync(RecognisedQuestion question, AskContext context, LocalCalendar calendar, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(calendar.ToLocal(context.Now.UtcDateTime).DateTime);
        // The days asked about are the days on the clock where the user was (docs/cortex.md, "Local time").
        var period = question.Period ?? LocalPeriod.Day(today, "today");
        var clock = await localTimes.ClockForDaysAsync(context.UserId, calendar, period.First, period.Last, cancellationToken);
        var scope = new AnswerScope(context.UserId, calendar, clock, LocalClock.Window(period.First, period.Last), today, context.UserEmail);
        await using var read = await ReadTransaction.BeginAsync(dataSource, context.UserId, cancellationToken);
        return await Templates.Single(template => template.Type == question.Type).AnswerAsync(question, scope, read, cancellationToken);
    }
}
