using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Silos;
using Datapunk.Benchmarks.Takeout;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Lake.Pipeline;
using Datapunk.Testing;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// End-to-end import of a synthetic Takeout (two zip parts: Records.json, Semantic Location
/// History, My Activity, Gmail mbox) into a real silo process and a database of its own: the first
/// import's location fixes per second, the silo's peak memory, the re-import of the same archives
/// (time and rows inserted), a phone's Timeline export overlapping the first import (its fixes at
/// a coarser precision, matched rather than stored again), and a second user's import into
/// partitions that already exist.
/// </summary>
internal sealed class ImportBenchmark : IBenchmark
{
    private const long WarmUpFixes = 1_000_000;

    private static readonly Target FixesTarget = Target.AtLeastOf(200_000);
    private static readonly Target MemoryTarget = Target.Below(300);
    private static readonly Target ReimportTarget = Target.Below(10);
    private static readonly Target ReimportRowsTarget = Target.Below(1);

    private static readonly TimeSpan SiloReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Quiet logs, and the generated takeouts as the silo's one server-side import folder (the benchmark measures imports, not uploads).</summary>
    private static Dictionary<string, string> SiloSettingsFor(string takeoutFolder) => new()
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["Imports__AllowedRoots__0"] = Path.GetFullPath(takeoutFolder),
        // The product's own pause of background work after an import (the test harness shortens it).
        ["Lake__Import__BackgroundQuietPeriod"] = new ImportPipelineOptions().BackgroundQuietPeriod.ToString(),
    };

    public string Name => "import";

    public string Description => "Takeout import end to end: fixes/s, silo peak memory, re-import time (a silo process, a scratch database)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var shape = new TakeoutShape(context.Options.ImportFixes ?? (context.Options.Quick ? 200_000 : TakeoutShape.FullSize));
        var takeoutFolder = Path.Combine(Path.GetDirectoryName(context.Options.ResultsPath)!, "takeouts");
        var parts = await SyntheticTakeout.EnsureAsync(takeoutFolder, shape, context.Progress);

        // The second half of Records.json's fixes again, and a tenth more after them, as a phone exports them.
        var (phoneFirst, phoneLast) = (shape.RecordsJsonFixes / 2, shape.RecordsJsonFixes + (shape.RecordsJsonFixes / 10) - 1);
        var phone = PhoneTimelineWriter.Ensure(takeoutFolder, shape, phoneFirst, phoneLast, context.Progress);

        // A small Takeout of the same formats, decades earlier, warms the silo's JIT without touching the measured months.
        var warmUpParts = await SyntheticTakeout.EnsureAsync(takeoutFolder, new TakeoutShape(WarmUpFixes) { FirstYear = 1990 }, context.Progress);

        await using var database = await ScratchDatabase.CreateAsync(
            context.Options.ConnectionString, $"datapunk_bench_import_{Guid.NewGuid():N}"[..40], cancellationToken);
        database.Keep = context.Options.KeepImportDatabase;
        await using var silo = await DatapunkSilo.StartReadyAsync(
            $"{database.ConnectionString};Maximum Pool Size={context.Options.DatabasePoolSize}", context.NewClusterId(Name), SiloReadyTimeout,
            cancellationToken, SiloSettingsFor(takeoutFolder), context.Options.LogDirectory);
        using var gateway = new DatapunkGatewayClient(silo.Gateway, silo.AdminToken, TimeSpan.FromSeconds(30));
        context.Progress($"silo pid {silo.ProcessId} on {silo.Gateway}, database {database.Name}; {shape.Fixes:N0} fixes in {parts.Count} parts");

        await ImportAsync(context, gateway, silo, "bench-warm-up", warmUpParts, "warm-up", cancellationToken);
        var first = await ImportAsync(context, gateway, silo, "bench-first", parts, "first import", cancellationToken);
        var again = await ImportAsync(context, gateway, silo, "bench-first", parts, "re-import", cancellationToken);
        var stored = await database.CountAsync("SELECT count(*) FROM timeseries.location_points WHERE user_id = 'bench-first'", cancellationToken);
        var second = await ImportAsync(context, gateway, silo, "bench-second", parts, "second user", cancellationToken);

        // Last, so the phases before it measure what they measured before this phase existed.
        var overlapping = await ImportAsync(context, gateway, silo, "bench-first", [phone], "overlapping phone export", cancellationToken);
        var (_, highWater) = ProcessResources.Memory(silo.ProcessId);

        var fixes = first.Report.Records["location_points"];
        if (fixes != shape.Fixes || stored != shape.Fixes)
        {
            throw new InvalidOperationException($"The import stored {fixes:N0} fixes ({stored:N0} rows); the Takeout holds {shape.Fixes:N0}.");
        }

        var phoneFixes = phoneLast - phoneFirst + 1;
        var phoneNew = overlapping.Report.Records["location_points"];
        var phoneMatched = overlapping.Report.Matched.GetValueOrDefault("cross_format");
        if (phoneNew != phoneLast + 1 - shape.RecordsJsonFixes || phoneMatched != phoneFixes - phoneNew)
        {
            throw new InvalidOperationException(
                $"The phone export of {phoneFixes:N0} fixes stored {phoneNew:N0} and matched {phoneMatched:N0} across formats; " +
                $"{phoneLast + 1 - shape.RecordsJsonFixes:N0} are new and the rest are Records.json's.");
        }

        var peakMegabytes = new[] { first.PeakBytes, again.PeakBytes, overlapping.PeakBytes, second.PeakBytes }.Max() / (double)(1 << 20);
        var warmUpNote = $"after a warm-up import of {WarmUpFixes:N0} fixes in other years (JIT)";
        await context.ReportAsync(new BenchmarkResult(Name, "first import fixes/s", fixes / first.Seconds, "fixes/s", FixesTarget, $"{first.Details(fixes)}; {warmUpNote}"));
        await context.ReportAsync(new BenchmarkResult(Name, "first import records/s", first.Report.Records.Values.Sum() / first.Seconds, "records/s",
            Details: string.Join(", ", first.Report.Records.Where(kind => kind.Value > 0).Select(kind => $"{kind.Key} {kind.Value:N0}"))));
        await context.ReportAsync(new BenchmarkResult(Name, "silo peak memory", peakMegabytes, "MB", MemoryTarget,
            $"resident memory sampled every 50 ms over the four measured imports; process high-water mark {highWater / (double)(1 << 20):0} MB; " +
            $"the silo's own report: {first.Report.PeakMemoryBytes / (double)(1 << 20):0} MB"));
        await context.ReportAsync(new BenchmarkResult(Name, "re-import time", again.Seconds / first.Seconds * 100, "% of first", ReimportTarget,
            $"{again.Seconds:0.0} s vs {first.Seconds:0.0} s; {again.Report.Files.Unchanged} files unchanged; {again.Details(0)}"));
        await context.ReportAsync(new BenchmarkResult(Name, "re-import rows inserted", again.Report.Records.Values.Sum(), "rows", ReimportRowsTarget,
            $"{again.Report.Duplicates:N0} duplicates reported"));
        var firstFixesPerSecond = fixes / first.Seconds;
        await context.ReportAsync(new BenchmarkResult(Name, "overlapping phone export fixes/s", phoneFixes / overlapping.Seconds, "fixes/s",
            Target.AtLeastOf(Math.Round(firstFixesPerSecond)),
            $"target: the first import's rate in this run; an Android Timeline export (6-decimal degree strings, whole seconds) of {phoneFixes:N0} fixes, " +
            $"{phoneMatched:N0} of them Records.json's fixes matched across formats, {phoneNew:N0} new; " + overlapping.Details(phoneNew)));
        await context.ReportAsync(new BenchmarkResult(Name, "second user fixes/s", second.Report.Records["location_points"] / second.Seconds, "fixes/s",
            Details: "same Takeout, another user: the months hold the first user's fixes (each user has a leaf of their own, loaded and indexed like a first import) " +
                     "and records (whose indexes are maintained row by row); " +
                second.Details(second.Report.Records["location_points"])));
    }

    private static async Task<ImportPhase> ImportAsync(
        BenchmarkContext context, DatapunkGatewayClient gateway, SiloProcess silo, string user, IReadOnlyList<string> parts, string phase,
        CancellationToken cancellationToken)
    {
        await using var resources = ProcessResources.Watch(silo.ProcessId);
        var cpuBefore = ProcessResources.CpuSeconds(silo.ProcessId);
        var postgresBefore = ProcessResources.PostgresCpuSeconds();
        var machineBefore = ProcessResources.MachineCpuSeconds();
        var clock = Stopwatch.StartNew();
        // Each phase imports for its own user, as the owner acting for it (the CLI's --user).
        await gateway.EnsureUserAsync(user, cancellationToken);
        gateway.ActAs(user);
        var progress = await gateway.StartImportOfPathsAsync(parts, cancellationToken);
        var lastLine = TimeSpan.Zero;
        while (!progress.Status.IsFinished())
        {
            await Task.Delay(250, cancellationToken);
            progress = await gateway.GetImportAsync(progress.ImportId, cancellationToken);
            if (clock.Elapsed - lastLine > TimeSpan.FromSeconds(10))
            {
                lastLine = clock.Elapsed;
                context.Progress($"  {phase}: {progress.Status} {progress.Files.Done}/{progress.Files.Total} files, " +
                    $"{progress.Records.Values.Sum():N0} records, {progress.RecordsPerSecond:N0}/s, ETA {progress.EtaSeconds:0} s");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (progress.Status != ImportState.Completed || progress.Errors.Count > 0)
        {
            throw new InvalidOperationException($"The {phase} ended {progress.Status} with {progress.Errors.Count} error(s): " +
                string.Join("; ", progress.Errors.Take(3).Select(error => $"{error.File}: {error.Message}")) + $" {progress.Message}");
        }

        var machineAfter = ProcessResources.MachineCpuSeconds();
        var result = new ImportPhase(progress, seconds, resources.PeakResidentBytes, ProcessResources.CpuSeconds(silo.ProcessId) - cpuBefore,
            ProcessResources.PostgresCpuSeconds() - postgresBefore, machineAfter.Busy - machineBefore.Busy, machineAfter.Idle - machineBefore.Idle);
        context.Progress($"{phase}: {seconds:0.0} s, {progress.Records.Values.Sum():N0} new records, {progress.Duplicates:N0} duplicates, " +
            $"peak {result.PeakBytes >> 20} MB, CPU: silo {result.SiloCpuSeconds:0.0} s, PostgreSQL {result.PostgresCpuSeconds:0.0} s, " +
            $"machine busy {result.MachineBusySeconds:0.0} s / idle {result.MachineIdleSeconds:0.0} s");
        return result;
    }

    /// <summary>One measured import: its report, wall time (start call to Completed), peak resident memory and CPU.</summary>
    private sealed record ImportPhase(
        ImportProgress Report, double Seconds, long PeakBytes, double SiloCpuSeconds, double PostgresCpuSeconds, double MachineBusySeconds,
        double MachineIdleSeconds)
    {
        public string Details(long fixes) =>
            $"{fixes:N0} fixes in {Seconds:0.0} s; {Report.Files.Total} files; CPU: silo {SiloCpuSeconds:0.0} s, PostgreSQL {PostgresCpuSeconds:0.0} s, " +
            $"machine (all processes) busy {MachineBusySeconds:0.0} s, idle {MachineIdleSeconds:0.0} s of {Environment.ProcessorCount} cores";
    }
}
