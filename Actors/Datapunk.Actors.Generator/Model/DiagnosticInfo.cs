using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Datapunk.Actors.Generator.Model;

/// <summary>A diagnostic kept as plain values; Roslyn's Location holds a syntax tree and would defeat caching.</summary>
internal sealed record DiagnosticInfo(
    string DescriptorId,
    EquatableArray<string> Arguments,
    string? FilePath,
    TextSpan Span,
    LinePositionSpan LineSpan)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        var inSource = location is not null && location.IsInSource;
        return new DiagnosticInfo(
            descriptor.Id,
            new EquatableArray<string>([.. arguments]),
            inSource ? location!.SourceTree!.FilePath : null,
            inSource ? location!.SourceSpan : default,
            inSource ? location!.GetLineSpan().Span : default);
    }

    public Location ToLocation() =>
        FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
}
