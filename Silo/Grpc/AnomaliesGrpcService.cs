using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>The caller's unusual days over gRPC (anomalies.proto), asked and checked as <c>GET /api/v1/anomalies</c> asks them.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class AnomaliesGrpcService(IGrainFactory grains) : V1.Anomalies.AnomaliesBase
{
    [GrpcAudited(AuditActions.AnomaliesRead)]
    public override async Task<V1.AnomalyList> List(V1.ListAnomaliesRequest request, ServerCallContext context)
    {
        var (from, to, errors) = ReadingRequests.DateRange(GrpcArguments.Given(request.From), GrpcArguments.Given(request.To));
        if (errors.Any)
        {
            throw GrpcArguments.Invalid(errors.ByParameter);
        }

        var anomalies = await grains.GetGrain<IAnomaliesModel>(ModelKeys.Of(context.GetHttpContext().User.UserIdOf(), ModelKinds.Anomalies))
            .ListAnomaliesAsync(from, to, context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(anomalies.Days.Count);
        return anomalies.ToMessage();
    }
}
