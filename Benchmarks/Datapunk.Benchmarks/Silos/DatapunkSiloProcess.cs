using System.Net;
using System.Net.Sockets;

namespace Datapunk.Benchmarks.Silos;

/// <summary>
/// The real Datapunk silo (<c>Silo/bin/&lt;configuration&gt;/net10.0/Datapunk.Silo.dll</c>, built
/// with this project) as a child process: the import benchmark measures it end to end through its
/// gateway, and its memory and CPU from outside.
/// </summary>
internal sealed class DatapunkSiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DatapunkSiloProcess(Process process, Uri gateway)
    {
        _process = process;
        Gateway = gateway;
    }

    public Uri Gateway { get; }

    public int ProcessId => _process.Id;

    public static async Task<DatapunkSiloProcess> StartAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        var siloDll = SiloDll();
        var gatewayPort = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { siloDll },
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = connectionString,
                ["Cluster__Id"] = clusterId,
                ["Gateway__Port"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
                ["Silo__Port"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the silo.");
        process.OutputDataReceived += (_, line) => Echo(line.Data);
        process.ErrorDataReceived += (_, line) => Echo(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new DatapunkSiloProcess(process, new Uri($"http://127.0.0.1:{gatewayPort}/"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(silo.Gateway, "health/ready"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        await silo.DisposeAsync();
        throw new TimeoutException("The silo was not ready within 90 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private static void Echo(string? line)
    {
        if (line is not null)
        {
            Console.WriteLine($"  [silo] {line}");
        }
    }

    private static string SiloDll()
    {
        var configuration = typeof(DatapunkSiloProcess).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Silo", "bin", configuration, "net10.0", "Datapunk.Silo.dll");
            if (File.Exists(Path.Combine(directory.FullName, "Datapunk.sln")))
            {
                return File.Exists(candidate) ? candidate : throw new FileNotFoundException($"{candidate} is missing; build the benchmarks (they build the silo).");
            }
        }

        throw new DirectoryNotFoundException($"No Datapunk.sln above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
