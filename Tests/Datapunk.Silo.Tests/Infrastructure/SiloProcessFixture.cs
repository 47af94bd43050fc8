namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>
/// The real silo (<c>dotnet Datapunk.Silo.dll</c>) as a separate process, in a cluster of its own
/// (a fresh cluster id) on free ports against the test database; started once for a test class.
/// </summary>
public sealed class SiloProcessFixture : IAsyncLifetime
{
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(15);

    private readonly ProcessOutput _output = new();
    private Process? _process;

    public string ClusterId { get; } = $"silo-tests-{Guid.NewGuid():N}"[..24];

    public int GatewayPort { get; } = FreePort.Next();

    public int SiloPort { get; } = FreePort.Next();

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}/");

    /// <summary>The silo's transport address as it advertises it in the membership table.</summary>
    public string SiloAddress => $"127.0.0.1:{SiloPort}";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>What the silo printed last, for assertion messages.</summary>
    public string OutputTail => _output.Tail();

    public async ValueTask InitializeAsync()
    {
        var siloDll = RepositoryPaths.SiloDll;
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
                ["Cluster__Id"] = ClusterId,
                ["Gateway__Port"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Silo__Port"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _output.Attach(_process);

        var ready = new Uri(Gateway, "health/ready");
        await Deadlines.PollAsync(
            async token =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was ready:\n{OutputTail}");
                }

                using var response = await Http.GetAsync(ready, token);
                return response.StatusCode;
            },
            status => status == System.Net.HttpStatusCode.OK,
            $"{ready} to answer 200 (silo output:\n{OutputTail})",
            status => status.ToString(),
            Deadlines.SiloStart);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is null)
        {
            return;
        }

        using var process = _process;
        if (process.HasExited)
        {
            return;
        }

        using var stop = new CancellationTokenSource(GracefulStop);
        try
        {
            if (Signals.TryTerminate(process))
            {
                await process.WaitForExitAsync(stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // It did not stop in time; the kill below ends it and anything it started.
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
