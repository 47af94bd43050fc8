using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk ask "QUESTION" --user NAME [--json]</c>: an answer about a user's own data and the records
/// it rests on. <c>--json</c> prints exactly one object, <c>{"answer", "citations": [{"id", "kind", "time",
/// "title", …}], …}</c>, which other programs parse.
/// </summary>
public static class AskCommand
{
    /// <summary>A chat model may take a while; templates answer in milliseconds.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var question = new Argument<string>("question") { Description = "The question, in English, German or French (\"where was I on 3 May 2019\")." };
        var json = new Option<bool>("--json") { Description = "Print the answer as one JSON object: answer, citations, how, usedLanguageModel, timeZone." };
        var command = new Command("ask", "Ask a question about a user's own data; the answer cites the records it rests on.") { question, user, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var answer = await client.AskAsync(parseResult.GetRequiredValue(question), token);
                if (parseResult.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(answer, Json));
                    return ExitCodes.Success;
                }

                await output.WriteLineAsync(answer.Answer);
                for (var i = 0; i < answer.Citations.Count; i++)
                {
                    var citation = answer.Citations[i];
                    var time = citation.LocalTime?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
                    await output.WriteLineAsync($"  [{i + 1}] {time,-16} {citation.Kind,-16} {citation.Title} ({citation.Id})");
                }

                var how = answer.How.Template is { } template ? $"template {template} ({answer.How.Language})" : answer.How.Method;
                await output.WriteLineAsync($"({how}; dates in {answer.TimeZone}{(answer.UsedLanguageModel ? "; composed by a language model" : "")})");
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user),
            timeout: Timeout));
        return command;
    }
}
