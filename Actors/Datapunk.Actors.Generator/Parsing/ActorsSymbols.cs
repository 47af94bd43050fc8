using Microsoft.CodeAnalysis;

namespace Datapunk.Actors.Generator.Parsing;

/// <summary>Recognizes Datapunk.Actors types by name, so the generator needs no compilation-wide lookups.</summary>
internal static class ActorsSymbols
{
    public static bool IsGrainMarker(INamedTypeSymbol type) =>
        type.Name == "IGrain" && type.ContainingType is null && IsActorsNamespace(type.ContainingNamespace);

    /// <summary>IAddressable, IGrain and the key-kind interfaces: they carry no methods to proxy.</summary>
    public static bool IsMarkerInterface(INamedTypeSymbol type) =>
        type.ContainingType is null
        && type.Name is "IAddressable" or "IGrain" or "IGrainWithStringKey" or "IGrainWithGuidKey" or "IGrainWithIntegerKey"
        && IsActorsNamespace(type.ContainingNamespace);

    /// <summary>IRemindable is implemented by grain classes and served by the runtime's own descriptor.</summary>
    public static bool IsRemindable(INamedTypeSymbol type) =>
        type.Name == "IRemindable" && type.ContainingType is null && IsActorsNamespace(type.ContainingNamespace);

    public static bool IsAlwaysInterleave(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "AlwaysInterleaveAttribute", ContainingType: null } attributeClass
        && IsActorsNamespace(attributeClass.ContainingNamespace);

    public static bool IsGrainInterface(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface || IsMarkerInterface(type) || IsRemindable(type))
        {
            return false;
        }

        foreach (var inherited in type.AllInterfaces)
        {
            if (IsGrainMarker(inherited))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsActorsNamespace(INamespaceSymbol? ns) =>
        ns is { Name: "Actors", ContainingNamespace: { Name: "Datapunk", ContainingNamespace.IsGlobalNamespace: true } };
}
