namespace Datapunk.Actors;

/// <summary>The stored state changed since this activation read it, or the activation lost ownership.</summary>
public class InconsistentStateException : Exception
{
    public InconsistentStateException() { }

    public InconsistentStateException(string message) : base(message) { }

    public InconsistentStateException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A write was refused because this silo no longer holds the lease of the grain's partition.</summary>
public sealed class OwnershipLostException : InconsistentStateException
{
    public OwnershipLostException() { }

    public OwnershipLostException(string message) : base(message) { }

    public OwnershipLostException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A call did not complete within its deadline.</summary>
public class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException() { }

    public GrainCallTimeoutException(string message) : base(message) { }

    public GrainCallTimeoutException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// A call would wait on a non-reentrant grain that is itself waiting further up the same call chain:
/// it would time out, so it fails at once with the chain in the message.
/// </summary>
public sealed class DeadlockException : GrainCallTimeoutException
{
    public DeadlockException() { }

    public DeadlockException(string message) : base(message) { }

    public DeadlockException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// A remote grain threw an exception whose type cannot be recreated here; the original type and
/// message are kept.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException() { }

    public RemoteGrainException(string message) : base(message) { }

    public RemoteGrainException(string message, Exception inner) : base(message, inner) { }

    public RemoteGrainException(string originalTypeName, string message, string? remoteStackTrace) : base(message)
    {
        OriginalTypeName = originalTypeName;
        RemoteStackTrace = remoteStackTrace;
    }

    public string OriginalTypeName { get; } = "";

    public string? RemoteStackTrace { get; }
}

/// <summary>The cluster could not route a call: no silo owns the grain's partition in time, or the target is gone.</summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException() { }

    public SiloUnavailableException(string message) : base(message) { }

    public SiloUnavailableException(string message, Exception inner) : base(message, inner) { }
}
