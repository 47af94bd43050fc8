namespace Datapunk.Actors.Tests.Filters;

/// <summary>One call as a call filter saw it.</summary>
public sealed record ObservedCall(GrainId TargetId, Type InterfaceType, string MethodName, GrainId? SourceId, string? GrainClass, string? ImplementationMethod);
