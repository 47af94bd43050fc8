using Microsoft.CodeAnalysis;

namespace Datapunk.Actors.Generator.Tests.Infrastructure;

/// <summary>The outcome of running the generator over one snippet and compiling the result.</summary>
internal sealed record GeneratorRun(
    GeneratorDriverRunResult Result,
    Compilation OutputCompilation,
    IReadOnlyList<Diagnostic> GeneratorDiagnostics,
    IReadOnlyList<Diagnostic> CompilationDiagnostics)
{
    public IEnumerable<Diagnostic> Errors(string id) => GeneratorDiagnostics.Where(d => d.Id == id);

    /// <summary>The generated file with this hint name; fails with the names that were generated instead.</summary>
    public string Source(string hintName)
    {
        var generated = Result.Results.Single().GeneratedSources;
        var match = generated.Where(s => s.HintName == hintName).ToList();
        match.Count.ShouldBe(1, $"expected one generated file '{hintName}', got: {string.Join(", ", generated.Select(s => s.HintName))}");
        return match[0].SourceText.ToString();
    }

    public IReadOnlyList<string> HintNames => [.. Result.Results.Single().GeneratedSources.Select(s => s.HintName)];
}
