namespace Datapunk.Benchmarks.Silos;

/// <summary>
/// Samples another process's resident memory (VmRSS) every 50 ms while a phase runs, and reads its
/// CPU time and the machine's, so a phase can report the silo's peak memory and where the cores went.
/// </summary>
internal sealed class ProcessResources : IAsyncDisposable
{
    private readonly int _processId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakBytes;

    private ProcessResources(int processId)
    {
        _processId = processId;
        _sampling = Task.Run(SampleAsync);
    }

    public long PeakResidentBytes => Interlocked.Read(ref _peakBytes);

    public static ProcessResources Watch(int processId) => new(processId);

    /// <summary>Resident and peak-resident (high-water mark) memory of the process, from /proc.</summary>
    public static (long Resident, long HighWater) Memory(int processId)
    {
        long resident = 0, highWater = 0;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                highWater = Kilobytes(line) * 1024;
            }
        }

        return (resident, highWater);
    }

    /// <summary>CPU seconds the process used so far (user + system).</summary>
    public static double CpuSeconds(int processId)
    {
        var fields = File.ReadAllText($"/proc/{processId}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>
    /// CPU seconds PostgreSQL used so far on this machine: every live <c>postgres</c> process, plus
    /// what the postmaster's exited children used (backends of closed connections), which the
    /// kernel adds to the postmaster's cutime/cstime. Zero when the server runs elsewhere.
    /// </summary>
    public static double PostgresCpuSeconds()
    {
        var processes = new List<(int Pid, int Parent, long Own, long Children)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                if (name != "postgres")
                {
                    continue;
                }

                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
                processes.Add((pid, (int)Field(1), Field(11) + Field(12), Field(13) + Field(14)));
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        var pids = processes.Select(process => process.Pid).ToHashSet();
        var ticks = processes.Sum(process => process.Own + (pids.Contains(process.Parent) ? 0 : process.Children));
        return ticks / 100.0;
    }

    /// <summary>Busy and idle CPU seconds of the whole machine so far (all cores).</summary>
    public static (double Busy, double Idle) MachineCpuSeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(value => long.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        return ((fields.Take(8).Sum() - idle) / 100.0, idle / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var (resident, _) = Memory(_processId);
                if (resident > _peakBytes)
                {
                    Interlocked.Exchange(ref _peakBytes, resident);
                }

                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}
