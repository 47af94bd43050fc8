using System.Reflection;

namespace Datapunk.Actors;

/// <summary>What a call filter sees of one grain call.</summary>
public interface IGrainCallContext
{
    GrainId TargetId { get; }

    Type InterfaceType { get; }

    string MethodName { get; }

    /// <summary>The method's result once <see cref="Invoke"/> returned; null for void methods.</summary>
    object? Result { get; }

    /// <summary>Runs the next filter, or the call itself after the last one.</summary>
    Task Invoke();
}

/// <summary>The incoming side: runs on the target activation, inside its turn.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance that receives the call.</summary>
    object Grain { get; }

    /// <summary>The implementation method, for filters that read attributes.</summary>
    MethodInfo? ImplementationMethod { get; }
}

/// <summary>The outgoing side: runs in the caller before the call leaves.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain that makes the call, or null for calls from outside any grain.</summary>
    GrainId? SourceId { get; }
}

/// <summary>Wraps every call a silo's activations receive (auditing, isolation checks, telemetry).</summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IIncomingGrainCallContext context);
}

/// <summary>Wraps every call made through this runtime's grain references.</summary>
public interface IOutgoingGrainCallFilter
{
    Task Invoke(IOutgoingGrainCallContext context);
}
