namespace Datapunk.Actors.Invocation;

/// <summary>Static description of one grain interface method, emitted by the generator.</summary>
/// <param name="InterfaceType">The grain interface that declares the method.</param>
/// <param name="Name">The method name, used in telemetry and error messages.</param>
/// <param name="Id">A stable hash of the declaring interface, name and parameter types.</param>
/// <param name="AlwaysInterleave">True when the method carries [AlwaysInterleave].</param>
public sealed record GrainMethod(Type InterfaceType, string Name, uint Id, bool AlwaysInterleave);
