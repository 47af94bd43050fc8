using System.Net;

namespace Datapunk.Client;

/// <summary>The gateway answered, but with an error status; <see cref="Problem"/> is the problem details text it sent.</summary>
public sealed class DatapunkApiException(HttpStatusCode statusCode, string problem, string request)
    : Exception($"{request} failed with {(int)statusCode} {statusCode}: {problem}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Title, detail and validation errors of the RFC 9457 problem details, or the plain body when there were none.</summary>
    public string Problem { get; } = problem;
}
