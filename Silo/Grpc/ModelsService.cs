using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The caller's models over gRPC (models.proto), on the grains <c>/api/v1/models</c> calls: every kind with its
/// versions, training on demand, promotion and rollback, always of the authenticated caller's own models.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class ModelsService(IGrainFactory grains) : V1.Models.ModelsBase
{
    [GrpcAudited(AuditActions.ModelsRead)]
    public override async Task<V1.ListModelsReply> List(V1.ListModelsRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User.UserIdOf();
        var models = await Task.WhenAll(ModelKinds.All.Select(kind => grains.GetGrain<IModelGrain>(ModelKeys.Of(user, kind)).GetAsync(context.CancellationToken)));
        context.GetHttpContext().ReportAuditedRecords(models.Sum(model => model.Versions.Count));
        return new V1.ListModelsReply { Models = { models.Select(model => model.ToMessage()) } };
    }

    [GrpcAudited(AuditActions.ModelsRead)]
    public override Task<V1.Model> Get(V1.ModelRequest request, ServerCallContext context) =>
        CallAsync(request.Kind, context, model => model.GetAsync(context.CancellationToken));

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.ModelsChange)]
    public override Task<V1.Model> Train(V1.ModelRequest request, ServerCallContext context) =>
        CallAsync(request.Kind, context, model => model.TrainAsync("on demand"));

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.ModelsChange)]
    public override Task<V1.Model> Promote(V1.PromoteModelRequest request, ServerCallContext context) =>
        CallAsync(request.Kind, context, model => model.PromoteAsync(request.Version));

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.ModelsChange)]
    public override Task<V1.Model> Rollback(V1.ModelRequest request, ServerCallContext context) =>
        CallAsync(request.Kind, context, model => model.RollbackAsync());

    /// <summary>Calls the caller's model of <paramref name="kind"/>: NOT_FOUND for a kind that is not one, FAILED_PRECONDITION for a promotion or rollback the registry refuses.</summary>
    private async Task<V1.Model> CallAsync(string kind, ServerCallContext context, Func<IModelGrain, Task<ModelOverview>> call)
    {
        if (!ModelKinds.IsKnown(kind))
        {
            throw new RpcException(new Status(StatusCode.NotFound, ModelKinds.Unknown(kind)));
        }

        try
        {
            var model = await call(grains.GetGrain<IModelGrain>(ModelKeys.Of(context.GetHttpContext().User.UserIdOf(), kind)));
            context.GetHttpContext().ReportAuditedRecords(model.Versions.Count);
            return model.ToMessage();
        }
        catch (ModelLifecycleException exception)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, exception.Message));
        }
    }
}
