using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Datapunk.Cli.Output;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk search "QUERY" --user NAME [--kind K]… [--method M]… [--limit N] [--json]</c>: one search over a user's
/// records, best first. <c>--json</c> prints exactly one object, <c>{"results": [{"id", "kind", "time",
/// "title", "snippet", "score", "matched", …}]}</c>, which other programs parse; otherwise a table.
/// </summary>
public static class SearchCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var text = new Argument<string>("query") { Description = "What to look for: words (the last may be a prefix), a name with a typo, or a description." };
        var kinds = new Option<string[]>("--kind") { Description = "Only records of this kind (place_visits, emails, …); repeat for more.", AllowMultipleArgumentsPerToken = true };
        var methods = new Option<string[]>("--method")
        {
            Description = "Only this method: fulltext, fuzzy or semantic; repeat for more (default: all of them, fused).", AllowMultipleArgumentsPerToken = true,
        };
        var limit = new Option<int>("--limit") { Description = "How many results (1-100).", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object {\"results\": [...]} instead of a table." };
        var command = new Command("search", "Search a user's records: full text, fuzzy and semantic, best first.") { text, user, kinds, methods, limit, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var page = await client.SearchAsync(
                    parseResult.GetRequiredValue(text), parseResult.GetValue(kinds), parseResult.GetValue(limit), cancellationToken: token,
                    methods: parseResult.GetValue(methods));
                if (parseResult.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new { results = page.Results }, Json));
                    return ExitCodes.Success;
                }

                if (page.Results.Count == 0)
                {
                    await output.WriteLineAsync("No results.");
                    return ExitCodes.Success;
                }

                var table = new TextTable("SCORE", "KIND", "TIME", "TITLE", "SNIPPET", "MATCHED").AlignRight(0);
                foreach (var result in page.Results)
                {
                    table.Add(
                        result.Score.ToString("0.0000", CultureInfo.InvariantCulture),
                        result.Kind,
                        result.Time?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                        Cut(result.Title, 40),
                        Cut(result.Snippet, 60),
                        string.Join(",", result.Matched));
                }

                table.WriteTo(output);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }

    private static string Cut(string? text, int length)
    {
        var line = (text ?? "").ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
