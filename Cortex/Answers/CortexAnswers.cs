using Datapunk.Cortex.Answers.Fallback;
using Datapunk.Cortex.Answers.LanguageModel;
using Datapunk.Cortex.Answers.Questions;
using Datapunk.Cortex.Answers.Templates;
using Datapunk.Lake.Reading;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Datapunk.Cortex.Answers;

/// <summary>
/// Answers a question about the user's own data. With a chat endpoint configured, the model answers with
/// Cortex's tools; without one (or when it fails), a recognised question is answered by its template,
/// and anything else gets the records that best match its words and says plainly that no model is configured.
/// </summary>
public sealed partial class CortexAnswers(
    ChatModelSettings chat, ModelAnswerer model, TemplateAnswerer templates, IAnswerRecordSearch search, ILogger<CortexAnswers> logger)
{
    public const int FallbackResults = 10;

    public async Task<CortexAnswer> AskAsync(AskContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(context.Question) || context.Question.Length > AskContext.MaxQuestionLength)
        {
            throw new ArgumentException($"A question is 1 to {AskContext.MaxQuestionLength} characters.", nameof(context));
        }

        var errors = new QueryErrors();
        var calendar = LocalCalendar.Resolve(context.TimeZone, errors) ?? LocalCalendar.Resolve(LocalCalendar.Utc, errors)!;
        var steps = new List<string> { $"Dates read in {calendar.ZoneId}." };
        if (chat.IsConfigured)
        {
            try
            {
                steps.Add($"Asked the chat model {chat.Model} at {chat.Endpoint!.GetLeftPart(UriPartial.Authority)} with Cortex's tools.");
                var (reply, citations, calls) = await model.AnswerAsync(context, calendar, cancellationToken);
                steps.Add($"The model made {calls.Count} tool call{(calls.Count == 1 ? "" : "s")} and cited {citations.Count} record{(citations.Count == 1 ? "" : "s")}.");
                return new CortexAnswer(context.Question, reply, citations,
                    new AnswerDerivation("model", null, null, new Dictionary<string, string> { ["model"] = chat.Model! }, calls, steps), true, calendar.ZoneId);
            }
            catch (Exception exception) when (exception is HttpOperationException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.ModelFailed(logger, context.UserId, chat.Endpoint!.GetLeftPart(UriPartial.Authority), exception.Message);
                steps.Add($"The chat model failed ({exception.GetType().Name}: {exception.Message}); answered without it.");
            }
        }

        var today = DateOnly.FromDateTime(calendar.ToLocal(context.Now.UtcDateTime).DateTime);
        if (QuestionRecogniser.Recognise(context.Question, today) is { } recognised)
        {
            steps.Add($"Recognised a '{recognised.Type.ToName()}' question ({recognised.Language}).");
            var answer = await templates.AnswerAsync(recognised, context, calendar, cancellationToken);
            steps.Add($"Its template found {answer.Citations.Count} record{(answer.Citations.Count == 1 ? "" : "s")} to cite.");
            return new CortexAnswer(context.Question, answer.Text, answer.Citations,
                new AnswerDerivation("template", recognised.Type.ToName(), recognised.Language, recognised.Parameters(), [], steps), false, calendar.ZoneId);
        }

        steps.Add("No question template fits; searched the records for the question's words.");
        var found = await search.SearchAsync(context.UserId, context.Question, new RecordsQuery([], null, null, null, null, FallbackResults, null), cancellationToken);
        var why = chat.IsConfigured
            ? "I do not recognise this question and the chat model could not answer it"
            : "I do not recognise this question, and no language model is configured (Cortex:Chat:Endpoint) to answer others";
        var text = found.Count == 0
            ? $"{why}; no records match its words either."
            : $"{why}. These {found.Count} record{(found.Count == 1 ? "" : "s")} best match its words: "
              + string.Join("; ", found.Select(record => $"{record.Title ?? record.Kind} ({record.OccurredAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "no date"})")) + ".";
        return new CortexAnswer(context.Question, text, [.. found.Select(record => RecordCitations.From(record, calendar))],
            new AnswerDerivation("search", null, null, new Dictionary<string, string> { ["text"] = context.Question }, [], steps), false, calendar.ZoneId);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "The chat model at {Endpoint} failed for {UserId}: {Error}; answering without it")]
        public static partial void ModelFailed(ILogger logger, string userId, string endpoint, string error);
    }
}
