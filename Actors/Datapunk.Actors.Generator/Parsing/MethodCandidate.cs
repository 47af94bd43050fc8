using System.Collections.Immutable;
using Datapunk.Actors.Generator.Model;

namespace Datapunk.Actors.Generator.Parsing;

/// <summary>A supported method before overloads are numbered and ids checked for collisions.</summary>
internal sealed record MethodCandidate(
    string Name,
    string DisplayName,
    string DeclaringInterface,
    GrainReturnKind ReturnKind,
    string ReturnType,
    string ResultType,
    ImmutableArray<GrainParameterModel> Parameters,
    uint Id,
    bool AlwaysInterleave);
