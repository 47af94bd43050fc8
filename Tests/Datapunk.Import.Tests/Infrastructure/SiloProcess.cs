using System.Globalization;
using System.Runtime.InteropServices;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>
/// The real silo (<c>dotnet Datapunk.Silo.dll</c>) as a child process against the test database,
/// with short lease and reminder timings so a killed silo's imports move to a new one within seconds.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ProcessOutput _output = new();

    private SiloProcess(Process process, int gatewayPort)
    {
        _process = process;
        GatewayPort = gatewayPort;
        _output.Attach(process);
    }

    public int GatewayPort { get; }

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}/");

    public int ProcessId => _process.Id;

    public string OutputTail => _output.Tail();

    /// <summary>Starts a silo of <paramref name="clusterId"/> and waits until it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        TestDatabase.Clusters.Add(clusterId);
        var siloDll = RepositoryPaths.SiloDll;
        var gatewayPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { siloDll },
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = TestDatabase.ConnectionString,
                ["Cluster__Id"] = clusterId,
                ["Gateway__Port"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
                ["Silo__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Actors__HeartbeatInterval"] = "00:00:00.250",
                ["Actors__LeaseDuration"] = "00:00:02",
                ["Actors__LeaseSafetyMargin"] = "00:00:00.500",
                ["Actors__SiloDeathTimeout"] = "00:00:02",
                ["Actors__ReminderPollInterval"] = "00:00:00.250",
                ["Lake__Import__ResumeReminderPeriod"] = "00:00:02",
                ["Logging__LogLevel__Default"] = "Information",
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var silo = new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), gatewayPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri(silo.Gateway, "health/ready");
        await Deadlines.PollAsync(
            async token =>
            {
                if (silo._process.HasExited)
                {
                    throw new InvalidOperationException($"The silo exited with code {silo._process.ExitCode} before it was ready:\n{silo.OutputTail}");
                }

                using var response = await http.GetAsync(ready, token);
                return response.StatusCode;
            },
            status => status == System.Net.HttpStatusCode.OK,
            $"{ready} to answer 200 (silo output:\n{silo.OutputTail})",
            status => status.ToString(),
            Deadlines.SiloStart);
        return silo;
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing, like a crashed machine.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (!OperatingSystem.IsWindows() && SendSignal(_process.Id, SigTerm) == 0)
            {
                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await _process.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException)
                {
                    // Did not stop in time; killed below.
                }
            }

            if (!_process.HasExited)
            {
                await KillAsync();
            }
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
