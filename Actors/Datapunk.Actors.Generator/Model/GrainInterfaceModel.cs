namespace Datapunk.Actors.Generator.Model;

/// <summary>Everything the emitter needs about one grain interface, as plain values only.</summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="Name">The interface name.</param>
/// <param name="FullyQualifiedName">The interface name with its global:: qualified namespace.</param>
/// <param name="Methods">Own methods first, then those of inherited interfaces.</param>
/// <param name="Diagnostics">Unsupported shapes to report.</param>
/// <param name="CanGenerate">False when the interface or one it inherits has an unsupported shape or errors.</param>
internal sealed record GrainInterfaceModel(
    string Namespace,
    string Name,
    string FullyQualifiedName,
    EquatableArray<GrainMethodModel> Methods,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool CanGenerate);
