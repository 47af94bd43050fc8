using System.Text.RegularExpressions;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>
/// A plain-language question turned into one read-only SQL query over the SQL workbench's views by the
/// configured chat model (docs/catalog.md, "SQL workbench"). The query is only written here: it is
/// shown to the user, who runs it through the workbench under its limits and row-level security. The
/// model sees the views' description and the question with its personal identifiers as pseudonyms
/// (unless the user turned masking off for the server); pseudonyms in the query are turned back into
/// the values, so "mail to bob@example.org" becomes a query for that address without the server
/// seeing it.
/// </summary>
public sealed partial class SqlFromQuestion(ChatModelSettings settings, IHttpClientFactory httpClients)
{
    public bool IsAvailable => settings.IsConfigured;

    /// <summary>The query the model wrote for <paramref name="question"/>, or the reason there is none.</summary>
    /// <param name="schema">The views the user may query, as the workbench describes them (names, columns, types, meaning).</param>
    public async Task<WrittenQuery> WriteAsync(
        string question, string schema, string? userApiKey, bool masksPii, CancellationToken cancellationToken)
    {
        if (!settings.IsConfigured)
        {
            return WrittenQuery.Refused("No language-model server is configured (Cortex:Chat); write the SQL yourself.");
        }

        var pseudonyms = new PiiPseudonyms(masksPii);
        var kernel = ChatKernels.Create(settings, userApiKey, httpClients);
        var history = new ChatHistory($"""
            You write PostgreSQL 15 queries over one person's own data. You may read only these views (and the
            person's uploaded tables listed with them), nothing else:

            {schema}

            Write exactly one read-only query (SELECT or WITH … SELECT) that answers the question. Use only the
            views and columns above; times are timestamptz in UTC, so convert with AT TIME ZONE when the question
            speaks of local days. Reply with the query in one ```sql fenced block, then one sentence saying what it returns.
            If the views cannot answer the question, reply with no query and say why.
            """);
        history.AddUserMessage(pseudonyms.Hide(question)!);
        var execution = new OpenAIPromptExecutionSettings { Temperature = 0 };
        var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, execution, kernel, cancellationToken);
        var text = pseudonyms.Reveal(reply.Content) ?? "";
        if (FencedSql().Match(text) is not { Success: true } fenced)
        {
            return WrittenQuery.Refused(text.Length > 0 ? text.Trim() : "The model wrote no query.");
        }

        var sql = fenced.Groups["sql"].Value.Trim().TrimEnd(';').Trim();
        var explanation = text[(fenced.Index + fenced.Length)..].Trim();
        return new WrittenQuery(sql, explanation.Length > 0 ? explanation : null, null);
    }

    [GeneratedRegex(@"```(?:sql|SQL|postgresql)?\s*\n(?<sql>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FencedSql();
}

/// <summary>A query a model wrote for a question, with its explanation; or, with <see cref="Sql"/> null, why there is none.</summary>
public sealed record WrittenQuery(string? Sql, string? Explanation, string? Refusal)
{
    public static WrittenQuery Refused(string reason) => new(null, null, reason);
}
