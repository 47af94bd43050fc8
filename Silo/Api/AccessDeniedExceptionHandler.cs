using Microsoft.AspNetCore.Diagnostics;

namespace Datapunk.Silo.Api;

/// <summary>
/// A grain refused a call for someone else's data (<see cref="PersonalDataAccessDeniedException"/>):
/// the caller gets 404, the same as for something that does not exist, so a refusal reveals nothing.
/// </summary>
internal sealed class AccessDeniedExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PersonalDataAccessDeniedException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = "Nothing with that id belongs to you." },
        });
    }
}
