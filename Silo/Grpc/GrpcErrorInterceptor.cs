using Datapunk.Silo.Api;
using Grpc.Core;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// Turns the exceptions the engines and grains throw into gRPC statuses: a bad argument is
/// INVALID_ARGUMENT naming the parameter, a refused grain call PERMISSION_DENIED, the caller's user
/// grain holding no account NOT_FOUND, an account being erased FAILED_PRECONDITION, a grain moving
/// during a failover UNAVAILABLE (retry). A cancelled or expired call is left to the framework, which
/// answers CANCELLED or DEADLINE_EXCEEDED.
/// </summary>
internal sealed partial class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : AroundCallInterceptor
{
    protected override async Task AroundAsync(ServerCallContext context, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception exception) when (ToStatus(exception, context) is { } status)
        {
            throw new RpcException(status);
        }
    }

    private Status? ToStatus(Exception exception, ServerCallContext context)
    {
        Status? status = exception switch
        {
            RpcException or OperationCanceledException => null,
            ArgumentException argument => new(StatusCode.InvalidArgument, argument.ParamName is { } name ? $"{name}: {argument.Message}" : argument.Message),
            PersonalDataAccessDeniedException => new(StatusCode.PermissionDenied, "The call does not act for the user whose data it asks for."),
            UserNotFoundException notFound => new(StatusCode.NotFound, notFound.Message),
            AccountErasureInProgressException erasing => new(StatusCode.FailedPrecondition, erasing.Message),
            _ when ClusterFailover.IsFailover(exception) => new(StatusCode.Unavailable,
                $"A silo was lost and the grain this call needs is moving to another one ({exception.GetType().Name}). Retry in a moment."),
            _ => null,
        };
        if (status is { } known)
        {
            Log.Mapped(logger, context.Method, known.StatusCode, exception.GetType().Name);
        }

        return status;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} ended with {Status} for {ExceptionType}")]
        public static partial void Mapped(ILogger logger, string method, StatusCode status, string exceptionType);
    }
}
