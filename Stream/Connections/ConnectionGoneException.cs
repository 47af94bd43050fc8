namespace Datapunk.Streams.Connections;

/// <summary>The connection was removed (or never existed) when a poll or an action reached it.</summary>
public sealed class ConnectionGoneException(string message) : Exception(message);
