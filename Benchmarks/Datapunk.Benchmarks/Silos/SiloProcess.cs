namespace Datapunk.Benchmarks.Silos;

/// <summary>A second copy of this executable running <see cref="SiloCommand"/>: a silo in its own process.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, string address, string siloId)
    {
        _process = process;
        Address = address;
        SiloId = siloId;
    }

    public string Address { get; }

    public string SiloId { get; }

    /// <summary>CPU time the silo process used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<SiloProcess> StartAsync(string name, string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        var start = SelfStartInfo();
        foreach (var arg in new[] { "silo", "--cluster", clusterId })
        {
            start.ArgumentList.Add(arg);
        }

        // The connection string goes by environment, not by command line where `ps` would show it.
        start.Environment["DATAPUNK_TEST_POSTGRES"] = connectionString;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var ready = new TaskCompletionSource<(string Address, string SiloId)>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"Silo {name} exited before it was ready (exit code {SafeExitCode(process)})."));
            }
            else if (line.Data.StartsWith(SiloCommand.ReadyPrefix, StringComparison.Ordinal))
            {
                var parts = line.Data[SiloCommand.ReadyPrefix.Length..].Split(' ', 2);
                ready.TrySetResult((parts[0], parts[1]));
            }
            else
            {
                Console.WriteLine($"  [{name}] {line.Data}");
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine($"  [{name}] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (address, siloId) = await ready.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
            return new SiloProcess(process, address, siloId);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Stop(_process);
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>The command that runs this program again: the apphost, or `dotnet the.dll` when started that way.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        if (!Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return new ProcessStartInfo(host);
        }

        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(typeof(SiloProcess).Assembly.Location);
        return start;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static string SafeExitCode(Process process) =>
        process.WaitForExit(2000) ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running";
}
