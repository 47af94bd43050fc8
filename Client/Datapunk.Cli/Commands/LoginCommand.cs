using System.CommandLine;
using Datapunk.Client;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk login [--user NAME] [--password-stdin]</c>: signs in with a password and saves a new
/// personal access token (the account's scopes, no expiry; revocable with the API) in the credentials
/// file, so later commands need no flags.
/// </summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = new Option<string?>("--user", "-u") { Description = "The user name (asked for when missing)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var command = new Command("login", $"Sign in and save a token in {CliCredentials.FilePath} (or $" + CliCredentials.FileVariable + ").")
        {
            user, passwordStdin, gateway,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var userName = parseResult.GetValue(user) ?? Prompt("User name: ", secret: false);
            var password = parseResult.GetValue(passwordStdin) ? Console.In.ReadLine() ?? "" : Prompt("Password: ", secret: true);
            var address = parseResult.GetRequiredValue(gateway);
            using var anonymous = new DatapunkGatewayClient(address);
            try
            {
                var session = await anonymous.SignInAsync(userName, password, cancellationToken);
                using var signedIn = new DatapunkGatewayClient(address, session.AccessToken);
                var me = await signedIn.GetMeAsync(cancellationToken);
                var issued = await signedIn.CreateTokenAsync($"datapunk login on {Environment.MachineName}", me.Scopes, cancellationToken: cancellationToken);
                new CliCredentials(address.AbsoluteUri, me.UserName, issued.Text).Save();
                await output.WriteLineAsync($"Signed in as {me.UserName} ({me.Role}); token saved in {CliCredentials.FilePath}.");
                return ExitCodes.Success;
            }
            catch (DatapunkApiException exception)
            {
                await error.WriteLineAsync(exception.StatusCode == System.Net.HttpStatusCode.Unauthorized
                    ? "datapunk: sign-in refused: wrong user name or password."
                    : $"datapunk: sign-in failed: {(int)exception.StatusCode} {exception.Problem}");
                return ExitCodes.ApiError;
            }
            catch (HttpRequestException exception)
            {
                await error.WriteLineAsync($"datapunk: cannot reach the gateway at {address}: {exception.Message}");
                return ExitCodes.GatewayUnreachable;
            }
        });
        return command;
    }

    private static string Prompt(string question, bool secret)
    {
        Console.Error.Write(question);
        if (!secret || Console.IsInputRedirected)
        {
            return Console.ReadLine() ?? "";
        }

        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
            {
                typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return typed.ToString();
    }
}
