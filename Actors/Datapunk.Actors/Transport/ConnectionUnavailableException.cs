namespace Datapunk.Actors.Transport;

/// <summary>A connection to a silo could not be opened, so nothing was sent and the call may be routed elsewhere.</summary>
public sealed class ConnectionUnavailableException : Exception
{
    public ConnectionUnavailableException() { }

    public ConnectionUnavailableException(string message) : base(message) { }

    public ConnectionUnavailableException(string message, Exception inner) : base(message, inner) { }
}
