using System.Net;

namespace Datapunk.Streams;

/// <summary>
/// A provider answered something its documented protocol does not allow (malformed JSON, missing fields, an unexpected status);
/// <see cref="Status"/> is the HTTP status when the answer was an error status.
/// </summary>
public sealed class ProviderResponseException(string message, Exception? innerException = null, HttpStatusCode? status = null) : Exception(message, innerException)
{
    public HttpStatusCode? Status { get; } = status;
}
