using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Datapunk.Cli.Output;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk ingest-tokens list|create NAME|revoke ID --user NAME [--json]</c>: the tokens a phone's
/// tracker app (OwnTracks, Overland) posts a user's location with (docs/sources.md). A created token's
/// text is printed once; <c>--json</c> prints <c>{"tokenId": …, "token": "…"}</c>.
/// </summary>
public static class IngestTokensCommand
{
    public static Command Create()
    {
        var command = new Command("ingest-tokens", "Tokens that let a phone's tracker app (OwnTracks, Overland) post a user's location, and nothing else.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command List()
    {
        var (gateway, user, json) = (GatewayOption.Create(), UserOption.Create(), Json());
        var list = new Command("list", "List the user's ingest tokens (never their secrets).") { user, json, gateway };
        list.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(parseResult, parseResult.GetRequiredValue(gateway), async (client, output, token) =>
        {
            var tokens = await client.ListIngestTokensAsync(token);
            if (parseResult.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(tokens, JsonSerializerOptions.Web));
                return ExitCodes.Success;
            }

            var table = new TextTable("ID", "NAME", "CREATED", "LAST USED", "REVOKED");
            foreach (var ingestToken in tokens)
            {
                table.Add(ingestToken.TokenId.ToString(), ingestToken.Name, Time(ingestToken.CreatedAt), Time(ingestToken.LastUsedAt), Time(ingestToken.RevokedAt));
            }

            table.WriteTo(output);
            return ExitCodes.Success;
        }, cancellationToken, actAs: parseResult.GetRequiredValue(user)));
        return list;
    }

    private static Command Add()
    {
        var (gateway, user, json) = (GatewayOption.Create(), UserOption.Create(), Json());
        var name = new Argument<string>("name") { Description = "What the token is for (the phone's name), 1 to 100 characters." };
        var create = new Command("create", "Create an ingest token and print it (shown only now).") { name, user, json, gateway };
        create.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(parseResult, parseResult.GetRequiredValue(gateway), async (client, output, token) =>
        {
            var issued = await client.CreateIngestTokenAsync(parseResult.GetRequiredValue(name), token);
            await output.WriteLineAsync(parseResult.GetValue(json)
                ? JsonSerializer.Serialize(new { tokenId = issued.Token.TokenId, token = issued.Text })
                : $"Created ingest token '{issued.Token.Name}' ({issued.Token.TokenId}) for {issued.Token.UserId}. Its text (shown only now): {issued.Text}");
            return ExitCodes.Success;
        }, cancellationToken, actAs: parseResult.GetRequiredValue(user)));
        return create;
    }

    private static Command Revoke()
    {
        var (gateway, user) = (GatewayOption.Create(), UserOption.Create());
        var id = new Argument<Guid>("id") { Description = "The token's id, as 'list' shows it." };
        var revoke = new Command("revoke", "Revoke an ingest token: the phone's next post is refused.") { id, user, gateway };
        revoke.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(parseResult, parseResult.GetRequiredValue(gateway), async (client, output, token) =>
        {
            var tokenId = parseResult.GetRequiredValue(id);
            if (!await client.RevokeIngestTokenAsync(tokenId, token))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"datapunk: the user has no ingest token {tokenId}.");
                return ExitCodes.ApiError;
            }

            await output.WriteLineAsync($"Revoked ingest token {tokenId}.");
            return ExitCodes.Success;
        }, cancellationToken, actAs: parseResult.GetRequiredValue(user)));
        return revoke;
    }

    private static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text." };

    private static string Time(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
}
