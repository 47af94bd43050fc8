using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Datapunk.Actors.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Datapunk.Actors.Generator.Parsing;

/// <summary>Turns a grain interface symbol into a <see cref="GrainInterfaceModel"/> and the diagnostics for shapes it cannot proxy.</summary>
internal static class GrainInterfaceParser
{
    /// <summary>Types in generated code: global:: qualified, nullable annotations kept so explicit implementations match.</summary>
    private static readonly SymbolDisplayFormat CodeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Types in method ids: fully qualified without global:: or nullable annotations, which are no part of the CLR signature.</summary>
    private static readonly SymbolDisplayFormat SignatureFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    public static GrainInterfaceModel Parse(INamedTypeSymbol grainInterface, CancellationToken cancellationToken)
    {
        var context = new ParseContext(grainInterface);

        if (grainInterface.ContainingType is not null)
        {
            context.Report(grainInterface, "grain interfaces nested in a type are not supported; declare it directly in a namespace");
        }

        if (grainInterface.IsFileLocal)
        {
            context.Report(grainInterface, "file-local grain interfaces cannot be implemented by generated code in another file");
        }

        if (grainInterface.IsGenericType)
        {
            context.Report(grainInterface, "generic grain interfaces are not supported");
        }

        var candidates = new List<MethodCandidate>();
        IEnumerable<INamedTypeSymbol> declaringInterfaces =
            [grainInterface, .. grainInterface.AllInterfaces.Where(static i => !ActorsSymbols.IsMarkerInterface(i))];
        foreach (var declaring in declaringInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(declaring, grainInterface) && declaring.IsGenericType)
            {
                context.Report(declaring, "generic interfaces cannot be inherited by a grain interface");
                continue;
            }

            if (ActorsSymbols.IsRemindable(declaring))
            {
                context.Report(declaring, "grain interfaces must not inherit IRemindable; implement it on the grain class, the runtime delivers reminders itself");
                continue;
            }

            foreach (var member in declaring.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var candidate = ParseMember(member, declaring, context);
                if (candidate is not null)
                {
                    candidates.Add(candidate);
                }
            }
        }

        var methods = BuildMethods(grainInterface.Name, candidates, context);
        var ns = grainInterface.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString()
            : string.Empty;

        return new GrainInterfaceModel(
            ns,
            grainInterface.Name,
            grainInterface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            new EquatableArray<GrainMethodModel>(methods),
            new EquatableArray<DiagnosticInfo>(context.Diagnostics.ToImmutable()),
            context.CanGenerate);
    }

    private static MethodCandidate? ParseMember(ISymbol member, INamedTypeSymbol declaring, ParseContext context)
    {
        // Static members and default implementations need nothing from the proxy.
        if (member.IsStatic || !member.IsAbstract)
        {
            if (member.IsStatic && member.IsAbstract)
            {
                context.Report(member, "static abstract members cannot be implemented by a grain proxy");
            }

            return null;
        }

        switch (member)
        {
            case IPropertySymbol:
                context.Report(member, "properties are not supported on grain interfaces; declare a method returning Task<T> instead");
                return null;
            case IEventSymbol:
                context.Report(member, "events are not supported on grain interfaces; pass a grain reference to call back instead");
                return null;
            case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                return ParseMethod(method, declaring, context);
            default:
                return null;
        }
    }

    private static MethodCandidate? ParseMethod(IMethodSymbol method, INamedTypeSymbol declaring, ParseContext context)
    {
        var supported = true;
        if (method.IsGenericMethod)
        {
            context.Report(method, "generic grain methods are not supported");
            supported = false;
        }

        var returnKind = ClassifyReturn(method.ReturnType, out var resultType);
        if (ContainsErrorType(method.ReturnType))
        {
            context.SkipGeneration();
            supported = false;
        }
        else if (returnKind is null)
        {
            context.Report(method, $"a grain method must return Task, Task<T>, ValueTask or ValueTask<T>, not {method.ReturnType.ToDisplayString(ParseContext.MemberFormat)}");
            supported = false;
        }

        var parameters = ImmutableArray.CreateBuilder<GrainParameterModel>(method.Parameters.Length);
        foreach (var parameter in method.Parameters)
        {
            if (ContainsErrorType(parameter.Type))
            {
                context.SkipGeneration();
                supported = false;
            }
            else if (parameter.RefKind != RefKind.None)
            {
                context.Report(method, $"parameter '{parameter.Name}' is passed by {DescribeRefKind(parameter.RefKind)}; grain arguments are copied by value");
                supported = false;
            }
            else if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                context.Report(method, $"parameter '{parameter.Name}' has type {parameter.Type.ToDisplayString(ParseContext.MemberFormat)}, which cannot be stored in a request");
                supported = false;
            }

            parameters.Add(new GrainParameterModel(
                EscapeIdentifier(string.IsNullOrEmpty(parameter.Name) ? $"arg{parameter.Ordinal}" : parameter.Name),
                parameter.Type.ToDisplayString(CodeFormat),
                parameter.Type.IsValueType));
        }

        if (!supported || returnKind is null)
        {
            return null;
        }

        var signature = $"{MetadataName(declaring)}.{method.Name}({string.Join(",", method.Parameters.Select(static p => p.Type.ToDisplayString(SignatureFormat)))})";
        return new MethodCandidate(
            method.Name,
            method.ToDisplayString(ParseContext.MemberFormat),
            declaring.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            returnKind.Value,
            method.ReturnType.ToDisplayString(CodeFormat),
            resultType?.ToDisplayString(CodeFormat) ?? "global::Datapunk.Actors.Invocation.Void",
            parameters.ToImmutable(),
            MethodId.Compute(signature),
            method.GetAttributes().Any(ActorsSymbols.IsAlwaysInterleave));
    }

    private static ImmutableArray<GrainMethodModel> BuildMethods(string interfaceName, List<MethodCandidate> candidates, ParseContext context)
    {
        var overloads = candidates.GroupBy(static c => c.Name).ToDictionary(static g => g.Key, static g => g.Count());
        var overloadIndex = new Dictionary<string, int>();
        var byId = new Dictionary<uint, MethodCandidate>();
        var methods = ImmutableArray.CreateBuilder<GrainMethodModel>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (byId.TryGetValue(candidate.Id, out var existing))
            {
                context.ReportCollision(existing.DisplayName, candidate.DisplayName, candidate.Id);
                continue;
            }

            byId.Add(candidate.Id, candidate);
            var suffix = string.Empty;
            if (overloads[candidate.Name] > 1)
            {
                overloadIndex.TryGetValue(candidate.Name, out var index);
                overloadIndex[candidate.Name] = index + 1;
                suffix = "_" + index.ToString(CultureInfo.InvariantCulture);
            }

            methods.Add(new GrainMethodModel(
                candidate.Name,
                candidate.DeclaringInterface,
                $"{interfaceName}_{candidate.Name}{suffix}_Request",
                candidate.ReturnKind,
                candidate.ReturnType,
                candidate.ResultType,
                new EquatableArray<GrainParameterModel>(candidate.Parameters),
                candidate.Id,
                candidate.AlwaysInterleave));
        }

        return methods.ToImmutable();
    }

    private static GrainReturnKind? ClassifyReturn(ITypeSymbol returnType, out ITypeSymbol? resultType)
    {
        resultType = null;
        if (returnType is not INamedTypeSymbol named
            || named.ContainingType is not null
            || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return null;
        }

        switch (named.MetadataName)
        {
            case "Task":
                return GrainReturnKind.Task;
            case "ValueTask":
                return GrainReturnKind.ValueTask;
            case "Task`1":
                resultType = named.TypeArguments[0];
                return GrainReturnKind.TaskOfResult;
            case "ValueTask`1":
                resultType = named.TypeArguments[0];
                return GrainReturnKind.ValueTaskOfResult;
            default:
                return null;
        }
    }

    private static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
        _ => false,
    };

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? $"{ns.ToDisplayString()}.{type.MetadataName}"
            : type.MetadataName;

    private static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string DescribeRefKind(RefKind refKind) => refKind switch
    {
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => "ref",
    };
}
