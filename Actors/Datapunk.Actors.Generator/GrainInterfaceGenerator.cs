using System.Linq;
using System.Threading;
using Datapunk.Actors.Generator.Emitting;
using Datapunk.Actors.Generator.Model;
using Datapunk.Actors.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Datapunk.Actors.Generator;

/// <summary>
/// Emits, for every interface deriving from Datapunk.Actors.IGrain, a request class per method,
/// a proxy, a descriptor and the assembly attribute that registers the descriptor with the runtime.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainInterfaceGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the model step, for incrementality tests.</summary>
    public const string ModelStep = "GrainInterfaceModels";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (syntaxContext, cancellationToken) => ToModel(syntaxContext, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(ModelStep);

        context.RegisterSourceOutput(models, static (output, model) => Emit(output, model));
    }

    private static GrainInterfaceModel? ToModel(GeneratorSyntaxContext syntaxContext, CancellationToken cancellationToken)
    {
        var declaration = (InterfaceDeclarationSyntax)syntaxContext.Node;
        if (syntaxContext.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol symbol
            || !ActorsSymbols.IsGrainInterface(symbol))
        {
            return null;
        }

        // A partial interface is generated once, from its first declaration that has a base list.
        var first = symbol.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<InterfaceDeclarationSyntax>()
            .FirstOrDefault(static d => d.BaseList is not null);
        if (first != declaration)
        {
            return null;
        }

        return GrainInterfaceParser.Parse(symbol, cancellationToken);
    }

    private static void Emit(SourceProductionContext output, GrainInterfaceModel model)
    {
        foreach (var diagnostic in model.Diagnostics)
        {
            output.ReportDiagnostic(Diagnostic.Create(
                GrainDiagnostics.Find(diagnostic.DescriptorId),
                diagnostic.ToLocation(),
                [.. diagnostic.Arguments]));
        }

        if (model.CanGenerate)
        {
            output.AddSource(GrainInterfaceEmitter.HintName(model), GrainInterfaceEmitter.Emit(model));
        }
    }
}
