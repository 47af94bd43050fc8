using Datapunk.Grains;

namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// How one question fared: right when the expected template answered without a language model and the
/// answer holds every expected phrase; what was missing otherwise, and how long the gateway took.
/// </summary>
internal sealed record AskOutcome(AskCase Case, CortexAnswer? Answer, double Milliseconds, string? Error)
{
    public IReadOnlyList<string> Missing =>
        Answer is null ? Case.Expected : [.. Case.Expected.Where(expected => !Answer.Answer.Contains(expected, StringComparison.Ordinal))];

    public bool TemplateMatches => Answer is { UsedLanguageModel: false } answer && answer.How.Method == "template" && answer.How.Template == Case.Template;

    public bool Correct => Error is null && TemplateMatches && Missing.Count == 0;

    /// <summary>What came back, for the report: the template that answered and the answer's text.</summary>
    public string Got => Error ?? $"[{Answer!.How.Method}{(Answer.How.Template is { } template ? $" {template}" : "")}] {Answer.Answer}";
}
