using System.Text;
using Datapunk.Benchmarks.Harness;

namespace Datapunk.Benchmarks.Evaluation;

/// <summary>The search half of docs/evaluation.md: mean nDCG@10 and recall@10 per method and per class of query, latency, and where the hybrid lost.</summary>
internal sealed class SearchReport(IReadOnlyList<SearchOutcome> outcomes, EmbeddingFigures embedding)
{
    public IReadOnlyList<string> Methods => [.. outcomes.Select(outcome => outcome.Method).Distinct()];

    public int CaseCount => outcomes.Select(outcome => outcome.Case).Distinct().Count();

    public EmbeddingFigures Embedding => embedding;

    public int Errors => outcomes.Count(outcome => outcome.Error is not null);

    public double MeanNdcg(string method, string? queryClass = null) => Of(method, queryClass).Average(outcome => outcome.Ndcg);

    public double MeanRecall(string method, string? queryClass = null) => Of(method, queryClass).Average(outcome => outcome.Recall);

    public double Latency(string method, double fraction) =>
        NearestRank.Of([.. Of(method, null).Select(outcome => outcome.Milliseconds).Order()], fraction);

    /// <summary>Whether the hybrid's mean nDCG@10 is above each single method's.</summary>
    public bool HybridBeatsEach =>
        Methods.Where(method => method != SearchEvaluation.Hybrid).All(method => MeanNdcg(SearchEvaluation.Hybrid) > MeanNdcg(method));

    public string Summary => string.Join(", ", Methods.Select(method => $"{method} {MeanNdcg(method):0.000}"));

    public void AppendSection(StringBuilder text)
    {
        var classes = outcomes.Select(outcome => outcome.Case.Class).Distinct().ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"""
            ### Search quality by method

            {CaseCount} judged queries ({string.Join(", ", classes.Select(name => $"{outcomes.Where(o => o.Case.Class == name).Select(o => o.Case).Distinct().Count()} {name}"))};
            {string.Join(", ", outcomes.GroupBy(o => o.Case.Language).Select(group => $"{group.Select(o => o.Case).Distinct().Count()} {group.Key}"))}), each run
            through `GET /api/v1/search?limit=10` with one `method=` at a time and then with all of them fused
            (reciprocal rank fusion, the silo's default weights). {Errors} requests failed.

            | method | nDCG@10 | recall@10 | {string.Join(" | ", classes.Select(name => $"nDCG@10 {name}"))} | p50 | p95 |
            | --- | --- | --- | {string.Join(" | ", classes.Select(_ => "---"))} | --- | --- |
            """);
        foreach (var method in Methods)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {method} | {MeanNdcg(method):0.000} | {MeanRecall(method):0.000} | {string.Join(" | ", classes.Select(name => MeanNdcg(method, name).ToString("0.000", CultureInfo.InvariantCulture)))} | {Latency(method, 0.5):0} ms | {Latency(method, 0.95):0} ms |");
        }

        text.AppendLine();
        text.AppendLine("### Queries where the hybrid ranked worse than the best single method");
        text.AppendLine();
        var lost = outcomes.Where(outcome => outcome.Method == SearchEvaluation.Hybrid)
            .Select(hybrid => (Hybrid: hybrid, Best: outcomes.Where(o => o.Case == hybrid.Case && o.Method != SearchEvaluation.Hybrid).MaxBy(o => o.Ndcg)!))
            .Where(pair => pair.Best.Ndcg > pair.Hybrid.Ndcg + 1e-9)
            .OrderByDescending(pair => pair.Best.Ndcg - pair.Hybrid.Ndcg)
            .ToList();
        if (lost.Count == 0)
        {
            text.AppendLine("None.");
        }

        foreach (var (hybrid, best) in lost)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- `{hybrid.Case.Query}` ({hybrid.Case.Class}, {hybrid.Case.Language}): hybrid {hybrid.Ndcg:0.000}, {best.Method} {best.Ndcg:0.000}; hybrid's first three: {string.Join(" · ", hybrid.Titles.Take(3).Select(title => $"`{title}`"))}");
        }

        text.AppendLine();
        text.AppendLine("### Queries no method answered");
        text.AppendLine();
        var missed = outcomes.GroupBy(outcome => outcome.Case).Where(group => group.All(outcome => outcome.Ndcg == 0)).Select(group => group.Key).ToList();
        text.AppendLine(missed.Count == 0 ? "None." : string.Join("\n", missed.Select(judged => $"- `{judged.Query}` ({judged.Class}, {judged.Language}): expected {string.Join(" · ", judged.Relevant.Take(3).Select(item => $"`{item}`"))}")));
        text.AppendLine();
    }

    private IEnumerable<SearchOutcome> Of(string method, string? queryClass) =>
        outcomes.Where(outcome => outcome.Method == method && (queryClass is null || outcome.Case.Class == queryClass));
}
