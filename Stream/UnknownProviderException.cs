namespace Datapunk.Streams;

/// <summary>A provider name that is unknown, or has no client configured here.</summary>
public sealed class UnknownProviderException(string message) : Exception(message);
