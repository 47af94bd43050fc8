namespace Datapunk.Benchmarks.Harness;

/// <summary>
/// Appends results as tab-separated rows (one per metric, with the run id), so that runs can be
/// compared over time and scripts/bench.sh can render the table of one run.
/// </summary>
internal sealed class ResultsFile(string path, string runId)
{
    public const string Header = "utc_time\trun_id\tbenchmark\tmetric\tvalue\tunit\ttarget\tmet\tdetails";

    public string Path { get; } = path;

    public async Task AppendAsync(BenchmarkResult result)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var lines = new List<string>();
        if (!File.Exists(Path) || new FileInfo(Path).Length == 0)
        {
            lines.Add(Header);
        }

        lines.Add(string.Join('\t',
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            runId,
            result.Benchmark,
            result.Metric,
            Format.Number(result.Value),
            result.Unit,
            result.Target?.Describe(result.Unit) ?? "",
            result.Met switch { true => "yes", false => "no", null => "" },
            Clean(result.Details)));
        await File.AppendAllLinesAsync(Path, lines);
    }

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
