using System.CommandLine;
using Datapunk.Client;

namespace Datapunk.Cli.Commands;

/// <summary>
/// Runs a command's work against the gateway and turns failures into one line on stderr and an
/// exit code, instead of a stack trace.
/// </summary>
public static class GatewayCall
{
    /// <param name="actAs">
    /// The user the command acts for (<c>--user NAME</c>): when it is not the credentials' own user, the
    /// request carries <c>Datapunk-Act-As</c>, which only an administrator's token may send.
    /// </param>
    /// <param name="createUser">Creates <paramref name="actAs"/> first if it does not exist (the local operator's <c>import</c>).</param>
    /// <param name="timeout">How long one request may take; <see cref="DatapunkGatewayClient.DefaultTimeout"/> unless the command's calls are slow by nature.</param>
    public static async Task<int> RunAsync(
        ParseResult parseResult, Uri gateway, Func<DatapunkGatewayClient, TextWriter, CancellationToken, Task<int>> work,
        CancellationToken cancellationToken, string? actAs = null, bool createUser = false, TimeSpan? timeout = null)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        CliCredentials? credentials;
        try
        {
            credentials = CliCredentials.Find();
        }
        catch (InvalidOperationException exception)
        {
            await error.WriteLineAsync($"datapunk: {exception.Message}");
            return ExitCodes.ApiError;
        }

        using var client = new DatapunkGatewayClient(gateway, credentials?.Token, timeout);
        try
        {
            if (actAs is not null && actAs != credentials?.User)
            {
                if (createUser)
                {
                    await client.EnsureUserAsync(actAs, cancellationToken);
                }

                client.ActAs(actAs);
            }

            return await work(client, output, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            await error.WriteLineAsync($"datapunk: cannot reach the gateway at {gateway}: {exception.Message}");
            return ExitCodes.GatewayUnreachable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync(
                $"datapunk: the gateway at {gateway} did not answer within {(timeout ?? DatapunkGatewayClient.DefaultTimeout).TotalSeconds:0} s.");
            return ExitCodes.GatewayUnreachable;
        }
        catch (DatapunkApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            await error.WriteLineAsync(credentials is null
                ? $"datapunk: the gateway at {gateway} needs a token: run 'datapunk login', or set {CliCredentials.TokenVariable} or {CliCredentials.FileVariable}."
                : $"datapunk: the gateway at {gateway} refused the token (unknown, expired or revoked): run 'datapunk login' again.");
            return ExitCodes.ApiError;
        }
        catch (DatapunkApiException exception)
        {
            await error.WriteLineAsync($"datapunk: the gateway answered {(int)exception.StatusCode} {exception.StatusCode}: {exception.Problem}");
            return ExitCodes.ApiError;
        }
    }
}
