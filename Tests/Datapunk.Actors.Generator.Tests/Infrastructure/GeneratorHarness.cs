using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Datapunk.Actors.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="GrainInterfaceGenerator"/> over a snippet the way the compiler would, then compiles the output.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // Everything the test host loaded from the shared frameworks, Datapunk.Actors included.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path))]);

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Samples",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Snippet{i}.cs")),
        References.Value,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new GrainInterfaceGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(string snippetFile)
    {
        var compilation = Compile(SourceFiles.Read(snippetFile));
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(
            compilation,
            out var output,
            out var generatorDiagnostics,
            TestContext.Current.CancellationToken);

        return new GeneratorRun(
            driver.GetRunResult(),
            output,
            generatorDiagnostics,
            [.. output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity != DiagnosticSeverity.Hidden)]);
    }
}
