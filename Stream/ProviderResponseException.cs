namespace Datapunk.Streams;

/// <summary>A provider answered something its documented protocol does not allow (malformed JSON, missing fields, an unexpected status).</summary>
public sealed class ProviderResponseException(string message, Exception? innerException = null) : Exception(message, innerException);
