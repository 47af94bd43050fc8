namespace Datapunk.Testing;

/// <summary>Runs the built <c>datapunk</c> CLI (<c>dotnet datapunk.dll …</c>) to completion.</summary>
public static class CliProcess
{
    /// <summary>
    /// Runs the CLI with <paramref name="arguments"/> and without <c>DATAPUNK_GATEWAY</c> (the tests name
    /// the gateway); kills it and fails when it has not exited within <paramref name="limit"/>.
    /// </summary>
    public static async Task<CliResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("DATAPUNK_GATEWAY");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"datapunk {string.Join(' ', arguments)} did not exit within {limit.TotalSeconds:0} s.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
