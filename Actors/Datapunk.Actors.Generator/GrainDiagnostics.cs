using Microsoft.CodeAnalysis;

namespace Datapunk.Actors.Generator;

internal static class GrainDiagnostics
{
    private const string Category = "Datapunk.Actors";

    public static readonly DiagnosticDescriptor UnsupportedShape = new(
        id: "DPA001",
        title: "Unsupported grain interface shape",
        messageFormat: "Unsupported grain interface shape '{0}': {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Grain interfaces may declare only non-generic methods that return Task, Task<T>, ValueTask or ValueTask<T> and take parameters by value.");

    public static readonly DiagnosticDescriptor MethodIdCollision = new(
        id: "DPA002",
        title: "Grain method id collision",
        messageFormat: "Grain methods '{0}' and '{1}' hash to the same method id {2}; rename one of them",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor Find(string id) =>
        id == UnsupportedShape.Id ? UnsupportedShape : MethodIdCollision;
}
