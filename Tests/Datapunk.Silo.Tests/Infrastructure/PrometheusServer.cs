using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package, installed by <c>scripts/lib/install.sh</c>) as a
/// child process scraping one target every second, with its configuration and storage in a temporary folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string JobName = "datapunk-silo";

    private static readonly string[] Candidates = ["/usr/bin/prometheus", "/usr/local/bin/prometheus"];
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly TempFolder _folder;

    private PrometheusServer(Process process, ProcessOutput output, TempFolder folder, int port)
    {
        _process = process;
        _output = output;
        _folder = folder;
        Api = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Prometheus' HTTP API and UI.</summary>
    public Uri Api { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Starts Prometheus scraping <paramref name="target"/> (host:port) at <paramref name="metricsPath"/> every second.
    /// A missing binary fails the test: CI installs the package, and a skipped test would hide a broken scrape.
    /// </summary>
    public static PrometheusServer Start(string target, string metricsPath)
    {
        var binary = Candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The prometheus binary is not installed (looked for {string.Join(", ", Candidates)}). " +
                "Install Debian's prometheus package: ./datapunk test does it through scripts/lib/install.sh, or run apt-get install prometheus.");
        var folder = new TempFolder();
        var config = folder.File("prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {JobName}
                metrics_path: {metricsPath}
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = FreePort.Next();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(folder.Path, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var output = new ProcessOutput();
        var process = new Process { StartInfo = start };
        process.Start();
        output.Attach(process);
        output.Append("test", $"started pid {process.Id}: {binary} {string.Join(' ', start.ArgumentList)}");
        return new PrometheusServer(process, output, folder, port);
    }

    /// <summary>Polls <c>/-/ready</c> until Prometheus answers 200; fails at once when it exits first.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ready = new Uri(Api, "-/ready");
        return Poll.UntilAsync(
            async token =>
            {
                ThrowIfExited();
                using var response = await Http.GetAsync(ready, token);
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            $"Prometheus at {ready} to answer 200",
            status => $"{(int)status}{Environment.NewLine}{Describe()}",
            timeout,
            cancellationToken);
    }

    /// <summary>
    /// Polls an instant query (<c>/api/v1/query</c>) until it returns at least one series and returns them as
    /// (labels, value); the failure names the query, Prometheus' last answer and the target's scrape health.
    /// </summary>
    public async Task<IReadOnlyList<PrometheusSample>> WaitForSeriesAsync(string query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = new Uri(Api, $"api/v1/query?query={Uri.EscapeDataString(query)}");
        try
        {
            var answer = await Poll.UntilAsync(
                async token =>
                {
                    ThrowIfExited();
                    return await Http.GetStringAsync(url, token);
                },
                json => PrometheusSample.ParseVector(json).Count > 0,
                $"Prometheus to return a non-empty result for the query {query}",
                json => json ?? "no answer",
                timeout,
                cancellationToken,
                interval: TimeSpan.FromMilliseconds(250));
            return PrometheusSample.ParseVector(answer);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}{Environment.NewLine}Scrape targets: {await TargetsAsync()}{Environment.NewLine}{Describe()}", exception);
        }
    }

    /// <summary>The scrape targets' health and last error, for failure messages.</summary>
    public async Task<string> TargetsAsync()
    {
        try
        {
            using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Api, "api/v1/targets")));
            var targets = document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Select(t => $"{t.GetProperty("scrapeUrl").GetString()} {t.GetProperty("health").GetString()} {t.GetProperty("lastError").GetString()}");
            return string.Join("; ", targets);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return $"unknown ({exception.Message})";
        }
    }

    public string Describe(int lines = 30)
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        return $"--- prometheus (pid {_process.Id}, {Api}, {state}) ---{Environment.NewLine}{_output.Tail(lines)}";
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
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
            _folder.Dispose();
        }
    }

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode}.{Environment.NewLine}{Describe(60)}");
        }
    }
}
