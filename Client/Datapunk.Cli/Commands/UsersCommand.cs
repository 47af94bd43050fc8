using System.CommandLine;
using System.Text.Json;
using Datapunk.Grains;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk users add NAME [--admin] [--json]</c>: creates a user (an administrator's token is
/// needed) and prints a personal access token for it, once. <c>--json</c> prints exactly
/// <c>{"user": NAME, "token": "…"}</c>.
/// </summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var name = new Argument<string>("name") { Description = $"The new user's name ({UserNames.Rule})." };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator (may manage users and act for them)." };
        var json = new Option<bool>("--json") { Description = "Print {\"user\": NAME, \"token\": \"…\"} instead of text." };
        var add = new Command("add", "Create a user and print a personal access token for it (shown once).") { name, admin, json, gateway };
        add.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var created = await client.CreateUserAsync(
                    new NewUser(parseResult.GetRequiredValue(name), Role: parseResult.GetValue(admin) ? AccountRoles.Admin : AccountRoles.Member), token);
                await output.WriteLineAsync(parseResult.GetValue(json)
                    ? JsonSerializer.Serialize(new { user = created.User, token = created.Token })
                    : $"Created {created.Role} '{created.User}'. Its token (shown only now): {created.Token}");
                return ExitCodes.Success;
            },
            cancellationToken));
        return new Command("users", "Manage users (administrators).") { add };
    }
}
