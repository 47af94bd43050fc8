using System.Globalization;
using Datapunk.Lake.Reading;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>
/// Answers through the configured OpenAI-compatible chat endpoint with Semantic Kernel: the model sees
/// the question and Cortex's tools (<see cref="AnswerTools"/>), Semantic Kernel runs the tool calls it
/// asks for, and its final text keeps only citations of records the tools returned. The model never
/// reaches the database but through those tools, and sees personal identifiers only as pseudonyms
/// unless the user turned masking off for this server (<see cref="PiiPseudonyms"/>).
/// </summary>
public sealed class ModelAnswerer(ChatModelSettings settings, IHttpClientFactory httpClients, AnswerToolReaders readers)
{
    public const string HttpClientName = "cortex-chat";

    private const string PluginName = "cortex";

    public async Task<(string Text, IReadOnlyList<AnswerCitation> Citations, IReadOnlyList<AnswerToolCall> Calls)> AnswerAsync(
        AskContext context, LocalCalendar calendar, CancellationToken cancellationToken)
    {
        var ledger = new CitationLedger();
        var kernel = ChatKernels.Create(settings, context.ChatApiKey, httpClients);
        var pseudonyms = new PiiPseudonyms(context.ChatMasksPii);
        kernel.Plugins.AddFromObject(new AnswerTools(context, calendar, ledger, readers, pseudonyms), PluginName);

        var today = calendar.ToLocal(context.Now.UtcDateTime);
        var history = new ChatHistory(string.Create(CultureInfo.InvariantCulture, $"""
            You answer one person's questions about their own personal data (places visited, music played, videos watched,
            searches, mail, notes, fitness). Find the facts with the tools only; never guess or use general knowledge about them.
            Today is {today:dddd d MMMM yyyy} in the person's time zone {calendar.ZoneId}; read every date in that zone.
            Every record a tool returns has a "ref" such as r3: cite each fact with the refs of its records in square brackets,
            like [r3] or [r3, r5]. Never cite a ref no tool returned. If the tools find nothing, say so plainly.
            Answer briefly, in the language of the question.
            """));
        history.AddUserMessage(pseudonyms.Hide(context.Question)!);
        var execution = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), Temperature = 0 };
        var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, execution, kernel, cancellationToken);
        var (text, citations) = ledger.Resolve(pseudonyms.Reveal(reply.Content) ?? "");
        return (text, citations, ledger.Calls);
    }
}
