using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>The caller's audit trail over gRPC (audit.proto), streamed newest first in pages read from the log.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class AuditService(IAuditLog log) : V1.Audit.AuditBase
{
    private const int PageSize = 200;

    [GrpcAudited(AuditActions.AuditRead)]
    public override async Task ListTrail(V1.ListTrailRequest request, IServerStreamWriter<V1.AuditTrailEntry> responseStream, ServerCallContext context)
    {
        if (request.Before < 0)
        {
            throw GrpcArguments.Invalid("before", $"is a sequence number, 1 or more (0 for the newest); got {request.Before}.");
        }

        if (request.Limit < 0)
        {
            throw GrpcArguments.Invalid("limit", $"is 1 or more (0 for the whole trail); got {request.Limit}.");
        }

        var http = context.GetHttpContext();
        var userId = http.User.UserIdOf();
        long? before = request.Before > 0 ? request.Before : null;
        var remaining = request.Limit > 0 ? request.Limit : long.MaxValue;
        long sent = 0;
        try
        {
            while (remaining > 0)
            {
                var pageSize = (int)Math.Min(PageSize, remaining);
                var page = await log.ReadTrailAsync(userId, before, pageSize, context.CancellationToken);
                foreach (var entry in page)
                {
                    await responseStream.WriteAsync(ToMessage(entry), context.CancellationToken);
                    sent++;
                }

                if (page.Count < pageSize)
                {
                    return;
                }

                before = page[^1].Sequence;
                remaining -= page.Count;
            }
        }
        finally
        {
            http.ReportAuditedRecords(sent);
        }
    }

    private static V1.AuditTrailEntry ToMessage(AuditLogEntry entry) => new()
    {
        Sequence = entry.Sequence,
        At = entry.At.ToTimestamp(),
        Actor = entry.Actor,
        Subject = entry.Subject,
        Action = entry.Action,
        RecordCount = entry.RecordCount,
        Origin = entry.Origin,
        Details = { entry.Details?.ToDictionary() ?? [] },
        Redacted = entry.Redacted,
    };
}
