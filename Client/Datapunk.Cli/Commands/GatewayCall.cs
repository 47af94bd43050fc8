using System.CommandLine;
using Datapunk.Client;

namespace Datapunk.Cli.Commands;

/// <summary>
/// Runs a command's work against the gateway and turns failures into one line on stderr and an
/// exit code, instead of a stack trace.
/// </summary>
public static class GatewayCall
{
    public static async Task<int> RunAsync(
        ParseResult parseResult, Uri gateway, Func<DatapunkGatewayClient, TextWriter, CancellationToken, Task<int>> work,
        CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        using var client = new DatapunkGatewayClient(gateway);
        try
        {
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
                $"datapunk: the gateway at {gateway} did not answer within {DatapunkGatewayClient.DefaultTimeout.TotalSeconds:0} s.");
            return ExitCodes.GatewayUnreachable;
        }
        catch (DatapunkApiException exception)
        {
            await error.WriteLineAsync($"datapunk: the gateway answered {(int)exception.StatusCode} {exception.StatusCode}: {exception.Problem}");
            return ExitCodes.ApiError;
        }
    }
}
