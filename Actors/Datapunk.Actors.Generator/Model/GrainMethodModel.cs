namespace Datapunk.Actors.Generator.Model;

/// <param name="Name">The method name.</param>
/// <param name="DeclaringInterface">The fully qualified interface that declares the method (a base interface for inherited methods).</param>
/// <param name="RequestClassName">The generated request class, unique within the grain interface's namespace.</param>
/// <param name="ReturnKind">The awaitable the method returns.</param>
/// <param name="ReturnType">The fully qualified declared return type.</param>
/// <param name="ResultType">The fully qualified request result type: the awaited type, or Void.</param>
/// <param name="Parameters">The parameters in declaration order.</param>
/// <param name="Id">The FNV-1a hash of the method signature.</param>
/// <param name="AlwaysInterleave">True when the method carries [AlwaysInterleave].</param>
internal sealed record GrainMethodModel(
    string Name,
    string DeclaringInterface,
    string RequestClassName,
    GrainReturnKind ReturnKind,
    string ReturnType,
    string ResultType,
    EquatableArray<GrainParameterModel> Parameters,
    uint Id,
    bool AlwaysInterleave);
