namespace Datapunk.Testing;

/// <summary>Runs a child process to completion with its output captured, within a time limit.</summary>
internal static class ProcessRun
{
    /// <summary>Kills the process (and its children) and fails when it has not exited within <paramref name="limit"/>.</summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo start, string description, TimeSpan limit, CancellationToken cancellationToken)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{description} did not start.");
        process.StandardInput.Close();
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
            throw new TimeoutException($"{description} did not exit within {limit.TotalSeconds:0} s.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
