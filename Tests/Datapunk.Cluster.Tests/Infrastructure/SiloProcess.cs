namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>
/// A silo running as a separate OS process (<c>dotnet some.dll</c>): its ports, its log, and the
/// signals a test sends it — SIGKILL, SIGSTOP and SIGCONT.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ProcessLog _log;

    private SiloProcess(string name, Process process, ProcessLog log, int siloPort, int? gatewayPort)
    {
        Name = name;
        _process = process;
        _log = log;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public int SiloPort { get; }

    public int? GatewayPort { get; }

    /// <summary>The transport address the silo advertises and clients connect to.</summary>
    public string Address => $"127.0.0.1:{SiloPort}";

    /// <summary>The id the silo registered in <c>actors.silos</c>; set by <see cref="TestCluster"/> once it joined.</summary>
    public string SiloId { get; internal set; } = "";

    public string LogPath => _log.Path;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet <paramref name="dll"/></c> in its own folder with the given environment.</summary>
    public static SiloProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, int siloPort, int? gatewayPort)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} does not exist; build the test project (it builds the silos) in the same configuration.", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new ProcessLog(Path.Combine(RepositoryLayout.LogDirectory, $"{name}-{siloPort}.log"));
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => log.Append("err", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.Append("test", $"started pid {process.Id}: dotnet {dll}");
        return new SiloProcess(name, process, log, siloPort, gatewayPort);
    }

    /// <summary>SIGKILL: the process dies at once, without running any shutdown code.</summary>
    public void Kill()
    {
        _log.Append("test", "SIGKILL");
        _process.Kill(entireProcessTree: true);
    }

    /// <summary>SIGSTOP: the process freezes; its sockets stay open but nothing answers.</summary>
    public Task PauseAsync(CancellationToken cancellationToken) => SignalAsync("STOP", cancellationToken);

    /// <summary>SIGCONT: a paused process runs on, unaware of the time it lost.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken) => SignalAsync("CONT", cancellationToken);

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Name, pid, ports, exit state and the last lines of the log, for assertion messages.</summary>
    public string Describe(int lines = 30)
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        return $"--- {Name} (pid {_process.Id}, {Address}{(GatewayPort is { } port ? $", gateway :{port}" : "")}, silo id {SiloId}, {state}; log {LogPath}) ---" +
               Environment.NewLine + _log.Tail(lines);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _log.Append("test", "killed at the end of the test");

                // SIGKILL ends stopped processes too, so a silo left paused by a failed test goes as well.
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            _log.Append("test", $"could not confirm the exit: {exception.Message}");
        }
        finally
        {
            _process.Dispose();
            _log.Dispose();
        }
    }

    private async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        _log.Append("test", $"SIG{signal}");
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(SignalTimeout);
        await kill.WaitForExitAsync(deadline.Token);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}.");
        }
    }
}
