using Datapunk.Benchmarks.Evaluation;
using Datapunk.Benchmarks.Harness;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Testing;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// The Cortex evaluation (docs/evaluation.md): a synthetic person's year imported through the real
/// pipeline into a real silo process, Cortex's background work awaited, then every template question
/// asked through the REST gateway and its answer checked against the generator's known facts.
/// </summary>
internal sealed class EvaluationBenchmark : IBenchmark
{
    public const int Seed = 2025;

    private const string User = "eval-person";

    private static readonly Target AccuracyTarget = Target.AtLeastOf(95);

    private static readonly TimeSpan SiloReadyTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan BackgroundWorkTimeout = TimeSpan.FromMinutes(10);

    public string Name => "evaluation";

    public string Description => "Cortex evaluation: a synthetic person's year imported, template questions answered and checked (docs/evaluation.md)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var person = new SyntheticPersonYear(Seed);
        var questions = EvaluationQuestions.For(person);
        var searchCases = SearchJudgements.For(person);
        var folder = Path.Combine(Path.GetDirectoryName(context.Options.ResultsPath)!, "evaluation");
        var archives = PersonArchive.Write(person, folder);
        context.Progress($"person {Seed}: {person.Visits.Count:N0} visits, {person.Plays.Count:N0} plays, {person.Watches.Count:N0} watches, " +
            $"{person.Searches.Count:N0} searches, {person.Pages.Count:N0} pages, {person.Mails.Count:N0} mails; {questions.Count} questions, {searchCases.Count} search queries");

        await using var database = await ScratchDatabase.CreateAsync(
            context.Options.ConnectionString, $"datapunk_bench_eval_{Guid.NewGuid():N}"[..40], cancellationToken);
        database.Keep = context.Options.KeepImportDatabase;
        var settings = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Imports__AllowedRoots__0"] = Path.GetFullPath(folder),
        };
        if (GazetteerPath() is { } gazetteer)
        {
            settings["Cortex__Places__GazetteerFile"] = gazetteer;
        }

        await using var silo = await DatapunkSilo.StartReadyAsync(
            $"{database.ConnectionString};Maximum Pool Size={context.Options.DatabasePoolSize}", context.NewClusterId(Name), SiloReadyTimeout,
            cancellationToken, settings, context.Options.LogDirectory);
        using var gateway = new DatapunkGatewayClient(silo.Gateway, silo.AdminToken, TimeSpan.FromMinutes(2));
        await gateway.EnsureUserAsync(User, cancellationToken);
        gateway.ActAs(User);
        await gateway.UpdateMeAsync(new UpdateUserProfile(PersonTastes.OwnName, PersonTastes.OwnAddress, "Europe/Berlin"), cancellationToken);

        var import = await ImportAsync(context, gateway, archives, cancellationToken);
        var sinceImport = Stopwatch.StartNew();
        var pass = await WaitForLocalTimesAsync(database, cancellationToken);
        context.Progress($"local-time pass: {pass}");
        var (index, embeddingSeconds) = await SearchEvaluation.WaitForEmbeddingAsync(gateway, sinceImport, cancellationToken);
        var embedding = new EmbeddingFigures(index.Embedded, embeddingSeconds, index.ServingModel!);
        context.Progress($"embedded {embedding.Records:N0} records with {embedding.Model} in {embedding.Seconds:0.0} s");

        var outcomes = new List<AskOutcome>();
        foreach (var question in questions)
        {
            outcomes.Add(await AskAsync(gateway, question, cancellationToken));
        }

        var correct = outcomes.Count(outcome => outcome.Correct);
        var latencies = outcomes.Select(outcome => outcome.Milliseconds).Order().ToList();
        await context.ReportAsync(new BenchmarkResult(Name, "template answers correct", correct * 100.0 / outcomes.Count, "%", AccuracyTarget,
            $"{correct} of {outcomes.Count} questions (English, German, French) about one synthetic year"));
        await context.ReportAsync(new BenchmarkResult(Name, "ask p50 latency", NearestRank.Of(latencies, 0.50), "ms",
            Details: $"POST /api/v1/ask as JSON, one question at a time, {outcomes.Count} questions, {import.Records.Values.Sum():N0} records"));
        await context.ReportAsync(new BenchmarkResult(Name, "ask p95 latency", NearestRank.Of(latencies, 0.95), "ms"));
        foreach (var wrong in outcomes.Where(outcome => !outcome.Correct))
        {
            context.Progress($"WRONG {wrong.Case.Question}\n    expected: {string.Join(" | ", wrong.Missing)}\n    got: {wrong.Got}");
        }

        var searches = await SearchEvaluation.RunAsync(gateway, searchCases, cancellationToken);
        await ReportSearchesAsync(context, searches, embedding);

        var report = new EvaluationReport(context.Options.RunId, person, import, pass, outcomes, latencies, new SearchReport(searches, embedding));
        var path = Path.Combine(RepositoryPaths.Root, "docs", "evaluation.md");
        await File.WriteAllTextAsync(path, report.Markdown(), cancellationToken);
        context.Progress($"wrote {path}");
    }

    private async Task ReportSearchesAsync(BenchmarkContext context, IReadOnlyList<SearchOutcome> searches, EmbeddingFigures embedding)
    {
        var report = new SearchReport(searches, embedding);
        foreach (var method in report.Methods)
        {
            await context.ReportAsync(new BenchmarkResult(Name, $"search nDCG@10 {method}", report.MeanNdcg(method), "",
                Details: $"recall@10 {report.MeanRecall(method):0.000}, {report.CaseCount} judged queries (docs/evaluation.md)"));
        }

        await context.ReportAsync(new BenchmarkResult(Name, "hybrid search p95 latency", report.Latency(SearchEvaluation.Hybrid, 0.95), "ms",
            Details: $"GET /api/v1/search, limit 10, p50 {report.Latency(SearchEvaluation.Hybrid, 0.50):0} ms"));
        await context.ReportAsync(new BenchmarkResult(Name, "embedding throughput", embedding.PerSecond, "records/s",
            Details: $"{embedding.Records:N0} records with {embedding.Model} after the import, beside Cortex's other background work"));
    }

    private static string? GazetteerPath() =>
        new[] { Environment.GetEnvironmentVariable("DATAPUNK_GAZETTEER"), Path.Combine(RepositoryPaths.Root, ".datapunk", "geo", "gazetteer.tsv") }
            .FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));

    private static async Task<ImportProgress> ImportAsync(
        BenchmarkContext context, DatapunkGatewayClient gateway, IReadOnlyList<string> archives, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var progress = await gateway.StartImportOfPathsAsync(archives, cancellationToken);
        while (!progress.Status.IsFinished())
        {
            await Task.Delay(250, cancellationToken);
            progress = await gateway.GetImportAsync(progress.ImportId, cancellationToken);
        }

        if (progress.Status != ImportState.Completed || progress.Errors.Count > 0)
        {
            throw new InvalidOperationException($"The person's import ended {progress.Status} with {progress.Errors.Count} error(s): " +
                string.Join("; ", progress.Errors.Take(3).Select(error => $"{error.File}: {error.Message}")));
        }

        context.Progress($"imported in {clock.Elapsed.TotalSeconds:0.0} s: " +
            string.Join(", ", progress.Records.Where(kind => kind.Value > 0).Select(kind => $"{kind.Key} {kind.Value:N0}")));
        return progress;
    }

    /// <summary>Waits until Cortex's local-time pass has finished after the import asked for it; returns its figures.</summary>
    private static async Task<string> WaitForLocalTimesAsync(ScratchDatabase database, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        const string finished = $"FROM user_data.local_zone_passes WHERE user_id = '{User}' AND finished_at IS NOT NULL AND finished_at >= requested_at";
        while (await database.CountAsync($"SELECT count(*) {finished}", cancellationToken) == 0)
        {
            if (deadline.Elapsed > BackgroundWorkTimeout)
            {
                throw new TimeoutException($"Cortex's local-time pass for {User} did not finish within {BackgroundWorkTimeout}.");
            }

            await Task.Delay(500, cancellationToken);
        }

        var samples = await database.CountAsync($"SELECT samples {finished}", cancellationToken);
        var spans = await database.CountAsync($"SELECT spans {finished}", cancellationToken);
        var milliseconds = await database.CountAsync($"SELECT elapsed_ms {finished}", cancellationToken);
        return $"{samples:N0} hourly samples, {spans:N0} zone spans, {milliseconds:N0} ms";
    }

    private static async Task<AskOutcome> AskAsync(DatapunkGatewayClient gateway, AskCase question, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var answer = await gateway.AskAsync(question.Question, cancellationToken);
            return new AskOutcome(question, answer, clock.Elapsed.TotalMilliseconds, null);
        }
        catch (DatapunkApiException exception)
        {
            return new AskOutcome(question, null, clock.Elapsed.TotalMilliseconds, $"HTTP {(int)exception.StatusCode}: {exception.Message}");
        }
    }
}
