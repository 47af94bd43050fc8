using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace Datapunk.Testing;

/// <summary>
/// A silo running as a separate OS process (<c>dotnet some.dll</c>): its ports, its output, the
/// signals a test sends it (SIGKILL, SIGSTOP, SIGCONT) and how it is stopped when disposed.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly TimeSpan? _gracefulStop;

    private SiloProcess(string name, Process process, ProcessOutput output, int siloPort, int? gatewayPort, int? clientGatewayPort, TimeSpan? gracefulStop)
    {
        ClientGatewayPort = clientGatewayPort;
        Name = name;
        _process = process;
        _output = output;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _gracefulStop = gracefulStop;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public int SiloPort { get; }

    public int? GatewayPort { get; }

    /// <summary>The silo-to-silo endpoint the silo advertises.</summary>
    public string Address => $"127.0.0.1:{SiloPort}";

    /// <summary>The Orleans client gateway port, when the silo has one.</summary>
    public int? ClientGatewayPort { get; }

    /// <summary>The Orleans client gateway endpoint, for <c>DatapunkClusterClient.StartAsync</c>.</summary>
    public IPEndPoint ClientGateway => ClientGatewayPort is { } port
        ? new IPEndPoint(IPAddress.Loopback, port)
        : throw new InvalidOperationException($"{Name} at {Address} was started without an Orleans client gateway.");

    /// <summary>The silo's HTTP gateway.</summary>
    public Uri Gateway => GatewayPort is { } port
        ? new Uri($"http://127.0.0.1:{port}/")
        : throw new InvalidOperationException($"{Name} at {Address} was started without a gateway.");

    /// <summary>The silo's address in Orleans' membership (<c>ip:port@generation</c>), once a test has read it; empty before.</summary>
    public string SiloId { get; set; } = "";

    /// <summary>The file the silo's output goes to, or null when it is only kept in memory.</summary>
    public string? LogPath => _output.LogPath;

    public bool HasExited => _process.HasExited;

    /// <summary>The credentials file the silo writes the owner's admin token to on start (<c>Auth:Bootstrap:CredentialsFile</c>), if it was given one.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>The owner's admin token from <see cref="CredentialsFile"/>; there once the silo is ready.</summary>
    public string AdminToken => TestState.ReadToken(CredentialsFile ?? throw new InvalidOperationException($"{Name} was started without a credentials file."));

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/></c> in its own folder with <paramref name="environment"/> added
    /// to this process's. Its output goes to <c><paramref name="logDirectory"/>/&lt;name&gt;-&lt;silo port&gt;.log</c>
    /// when a folder is given. Disposing it sends SIGTERM and allows <paramref name="gracefulStop"/> for a clean
    /// shutdown when one is given, and SIGKILL otherwise (which also ends a process a test left paused).
    /// </summary>
    public static SiloProcess Start(
        string name, string dll, IReadOnlyDictionary<string, string> environment, int siloPort, int? gatewayPort,
        string? logDirectory = null, TimeSpan? gracefulStop = null, int? clientGatewayPort = null)
    {
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

        var output = new ProcessOutput(logDirectory is null ? null : Path.Combine(logDirectory, $"{name}-{siloPort}.log"));
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        output.Attach(process);
        output.Append("test", $"started pid {process.Id}: dotnet {dll}");
        return new SiloProcess(name, process, output, siloPort, gatewayPort, clientGatewayPort, gracefulStop);
    }

    /// <summary>Polls the gateway's <c>health/ready</c> through <paramref name="http"/> until it answers 200; fails at once when the process exits first.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ready = new Uri(Gateway, "health/ready");
        await Poll.UntilAsync(
            async token =>
            {
                if (HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready.{Environment.NewLine}{Describe(60)}");
                }

                using var response = await http.GetAsync(ready, token);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(token));
            },
            answer => answer.StatusCode == HttpStatusCode.OK,
            $"{ready} to answer 200",
            answer => $"{(int)answer.StatusCode} {answer.Body}{Environment.NewLine}{Describe()}",
            timeout,
            cancellationToken);
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing, like a crashed machine.</summary>
    public void Kill()
    {
        _output.Append("test", "SIGKILL");
        _process.Kill(entireProcessTree: true);
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
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

    /// <summary>Name, pid, ports, exit state and the last lines of the output, for assertion messages.</summary>
    public string Describe(int lines = 30)
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        var gateway = GatewayPort is { } port ? $", gateway :{port}" : "";
        var siloId = SiloId.Length > 0 ? $", silo id {SiloId}" : "";
        var log = LogPath is { } path ? $"; log {path}" : "";
        return $"--- {Name} (pid {_process.Id}, {Address}{gateway}{siloId}, {state}{log}) ---" + Environment.NewLine + _output.Tail(lines);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited && _gracefulStop is { } gracefulStop && TryTerminate())
            {
                using var graceful = new CancellationTokenSource(gracefulStop);
                try
                {
                    await _process.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException)
                {
                    // It did not stop in time; the kill below ends it and anything it started.
                }
            }

            if (!_process.HasExited)
            {
                _output.Append("test", "killed at the end of the test");

                // SIGKILL ends stopped processes too, so a silo left paused by a failed test goes as well.
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(ExitTimeout);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            _output.Append("test", $"could not confirm the exit: {exception.Message}");
        }
        finally
        {
            _process.Dispose();
            _output.Dispose();
        }
    }

    /// <summary>
    /// SIGTERM, so the silo shuts down as under a process supervisor (leaves the cluster, releases its
    /// leases); .NET itself only offers SIGKILL.
    /// </summary>
    private bool TryTerminate()
    {
        _output.Append("test", "SIGTERM");
        return !OperatingSystem.IsWindows() && SendSignal(_process.Id, SigTerm) == 0;
    }

    private async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        _output.Append("test", $"SIG{signal}");
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)])
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

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
