using Datapunk.Actors.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Datapunk.Actors.Generator.Tests.Generation;

public sealed class UnsupportedShapeTests
{
    private static readonly Lazy<GeneratorRun> Run = new(() => GeneratorHarness.Run("UnsupportedGrain.cs"));

    [Theory]
    [InlineData("IUnsupportedGrain.Fire()", "must return Task, Task<T>, ValueTask or ValueTask<T>, not void")]
    [InlineData("IUnsupportedGrain.Count()", "not int")]
    [InlineData("IUnsupportedGrain.GenericAsync<T>(T)", "generic grain methods are not supported")]
    [InlineData("IUnsupportedGrain.RefAsync(ref int)", "parameter 'value' is passed by ref")]
    [InlineData("IUnsupportedGrain.OutAsync(out int)", "parameter 'value' is passed by out")]
    [InlineData("IUnsupportedGrain.InAsync(in int)", "parameter 'value' is passed by in")]
    [InlineData("IUnsupportedGrain.Name", "properties are not supported")]
    [InlineData("IUnsupportedGrain.Changed", "events are not supported")]
    [InlineData("IGenericGrain<T>", "generic grain interfaces are not supported")]
    [InlineData("Holder.INestedGrain", "nested in a type")]
    [InlineData("IDisposable.Dispose()", "(inherited by IDisposableGrain)")]
    [InlineData("IRemindable", "must not inherit IRemindable")]
    [InlineData("IFileLocalGrain", "file-local grain interfaces")]
    public void ReportsDpa001NamingTheMember(string member, string reason)
    {
        var messages = Run.Value.Errors("DPA001").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        messages.ShouldContain(
            m => m.Contains($"'{member}'", StringComparison.Ordinal) && m.Contains(reason, StringComparison.Ordinal),
            $"expected a DPA001 for '{member}' saying '{reason}', got:{Environment.NewLine}{string.Join(Environment.NewLine, messages)}");
    }

    [Fact]
    public void DiagnosticsAreErrorsAtTheMember()
    {
        var fire = Run.Value.Errors("DPA001").Single(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Fire()", StringComparison.Ordinal));

        fire.Severity.ShouldBe(DiagnosticSeverity.Error);
        var span = fire.Location.GetLineSpan();
        span.Path.ShouldBe("Snippet0.cs");
        span.StartLinePosition.Line.ShouldBe(10, "Fire() is declared on line 11 of UnsupportedGrain.cs");
    }

    [Fact]
    public void ReportsEachShapeOnce()
    {
        Run.Value.Errors("DPA001").Count().ShouldBe(13);
    }

    [Fact]
    public void GeneratesNothingForUnsupportedInterfacesButKeepsTheFineOnes()
    {
        Run.Value.HintNames.ShouldBe(["Samples.IFineGrain.g.cs"]);
    }
}
