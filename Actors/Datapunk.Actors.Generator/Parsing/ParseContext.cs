using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Datapunk.Actors.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Datapunk.Actors.Generator.Parsing;

/// <summary>
/// Collects the diagnostics of one grain interface and decides where they go: at the member for
/// the interface's own members, at the interface for members it inherits.
/// </summary>
internal sealed class ParseContext(INamedTypeSymbol grainInterface)
{
    /// <summary>How members are named in diagnostics, e.g. "ICounterGrain.AddAsync(int)".</summary>
    public static readonly SymbolDisplayFormat MemberFormat = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    public ImmutableArray<DiagnosticInfo>.Builder Diagnostics { get; } = ImmutableArray.CreateBuilder<DiagnosticInfo>();

    public bool CanGenerate { get; private set; } = true;

    /// <summary>Generating over code with errors only adds errors; the compiler already reports the cause.</summary>
    public void SkipGeneration() => CanGenerate = false;

    public void Report(ISymbol member, string reason)
    {
        CanGenerate = false;
        var declaring = member as INamedTypeSymbol ?? member.ContainingType;
        var own = SymbolEqualityComparer.Default.Equals(declaring, grainInterface);

        // An inherited grain interface from this compilation reports its own members; saying it again here is noise.
        if (!own && declaring is not null && ActorsSymbols.IsGrainInterface(declaring) && declaring.Locations.Any(static l => l.IsInSource))
        {
            return;
        }

        var location = own ? member.Locations.FirstOrDefault() : grainInterface.Locations.FirstOrDefault();
        var text = own ? reason : $"{reason} (inherited by {grainInterface.ToDisplayString(MemberFormat)})";
        Diagnostics.Add(DiagnosticInfo.Create(GrainDiagnostics.UnsupportedShape, location, member.ToDisplayString(MemberFormat), text));
    }

    public void ReportCollision(string first, string second, uint id)
    {
        CanGenerate = false;
        Diagnostics.Add(DiagnosticInfo.Create(
            GrainDiagnostics.MethodIdCollision,
            grainInterface.Locations.FirstOrDefault(),
            first,
            second,
            id.ToString(CultureInfo.InvariantCulture)));
    }
}
