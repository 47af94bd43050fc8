using Datapunk.Silo.Api;
using Grpc.Core;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// Appends the audit entry of a method marked <see cref="GrpcAuditedAttribute"/> once it has run:
/// before a unary answer is sent, after the last message of a stream. When the entry cannot be
/// written the call fails. Entries say who, whose data, the action, the records reported, the
/// client address, the method and the gRPC status.
/// </summary>
internal sealed class GrpcAuditInterceptor : AroundCallInterceptor
{
    /// <summary>
    /// A call cancelled this close to its deadline ended by its deadline. The client gives up at its
    /// own clock's deadline and resets the stream; the silo's deadline is the same timeout counted from
    /// when the request arrived, so it falls later by the request's transit, and the reset arrives
    /// first. Measured in CI (2026-12-06): a 1 s deadline was audited "Cancelled".
    /// </summary>
    private static readonly TimeSpan DeadlineTolerance = TimeSpan.FromSeconds(1);

    protected override async Task AroundAsync(ServerCallContext context, Func<Task> call)
    {
        var http = context.GetHttpContext();
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcAuditedAttribute>()?.Action is not { } action)
        {
            await call();
            return;
        }

        var audited = new AuditedEndpoints.AuditedCall();
        http.Features.Set<IAuditedCall>(audited);
        var outcome = "error";
        try
        {
            await call();
            outcome = nameof(StatusCode.OK);
        }
        catch (RpcException exception)
        {
            outcome = exception.StatusCode.ToString();
            throw;
        }
        // The client gone (its deadline or a cancel): under load the write that notices fails with an I/O or
        // invalid-operation error before the call's token is cancelled, so any failure then counts as that.
        catch (Exception) when (context.CancellationToken.IsCancellationRequested || http.RequestAborted.IsCancellationRequested
                                || context.Deadline - DateTime.UtcNow <= DeadlineTolerance)
        {
            outcome = context.Deadline - DateTime.UtcNow <= DeadlineTolerance ? nameof(StatusCode.DeadlineExceeded) : nameof(StatusCode.Cancelled);
            throw;
        }
        finally
        {
            await AuditedEndpoints.AppendAsync(http, action, audited.RecordCount, outcome);
        }
    }
}
