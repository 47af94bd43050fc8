using Microsoft.AspNetCore.Diagnostics;

namespace Datapunk.Silo.Api;

/// <summary>
/// While a silo is lost and its grains move, Orleans rejects calls to them (silo unavailable,
/// message rejected, response timeout). Those are no server faults: the caller gets 503 with
/// Retry-After and a problem saying so, and the CLI and client library retry reads on it.
/// </summary>
internal sealed partial class ClusterRecoveringExceptionHandler(IProblemDetailsService problems, ILogger<ClusterRecoveringExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ClusterFailover.IsFailover(exception))
        {
            return false;
        }

        Log.Rejected(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The cluster is recovering",
                Detail = $"A silo was lost and the grain this request needs is moving to another one ({exception.GetType().Name}). Retry in a moment.",
            },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503 during a failover: {ExceptionType}: {Reason}")]
        public static partial void Rejected(ILogger logger, string method, string path, string exceptionType, string reason);
    }
}
