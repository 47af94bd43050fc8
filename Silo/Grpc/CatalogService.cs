using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The caller's catalog over gRPC (catalog.proto), on the grain <c>/api/v1/catalog</c> calls: datasets, one dataset in
/// full, lineage of a record or a source file, a refresh on demand. What the caller does not hold is NOT_FOUND, as REST's 404.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class CatalogService(IGrainFactory grains) : V1.Catalog.CatalogBase
{
    [GrpcAudited(AuditActions.CatalogRead)]
    public override async Task<V1.CatalogOverview> List(V1.ListDatasetsRequest request, ServerCallContext context)
    {
        var catalog = await Catalog(context).GetCatalogAsync();
        context.GetHttpContext().ReportAuditedRecords(catalog.Datasets.Count);
        return catalog.ToMessage();
    }

    [GrpcAudited(AuditActions.CatalogRead)]
    public override async Task<V1.DatasetDetail> Get(V1.GetDatasetRequest request, ServerCallContext context)
    {
        var detail = await Catalog(context).GetDatasetAsync(request.Dataset)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Your catalog has no dataset '{request.Dataset}' (Catalog/List lists them)."));
        context.GetHttpContext().ReportAuditedRecords(1);
        return detail.ToMessage();
    }

    [GrpcAudited(AuditActions.CatalogRead)]
    public override async Task<V1.Lineage> GetRecordLineage(V1.RecordLineageRequest request, ServerCallContext context)
    {
        LineageGraph? graph;
        try
        {
            graph = await Catalog(context).GetRecordLineageAsync(request.Record);
        }
        catch (ArgumentException exception)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, exception.Message));
        }

        return Lineage(graph ?? throw new RpcException(new Status(StatusCode.NotFound, $"You have no record '{request.Record}'.")), context);
    }

    [GrpcAudited(AuditActions.CatalogRead)]
    public override async Task<V1.Lineage> GetFileLineage(V1.FileLineageRequest request, ServerCallContext context)
    {
        var graph = await Catalog(context).GetFileLineageAsync(request.FileId)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"You have no source file {request.FileId}."));
        return Lineage(graph, context);
    }

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.CatalogRefresh)]
    public override async Task<V1.RefreshCatalogReply> Refresh(V1.RefreshCatalogRequest request, ServerCallContext context)
    {
        await Catalog(context).RequestRefreshAsync("on demand");
        return new V1.RefreshCatalogReply();
    }

    private static V1.Lineage Lineage(LineageGraph graph, ServerCallContext context)
    {
        context.GetHttpContext().ReportAuditedRecords(graph.Nodes.Count);
        return graph.ToMessage();
    }

    private ICatalogGrain Catalog(ServerCallContext context) => grains.GetGrain<ICatalogGrain>(context.GetHttpContext().User.UserIdOf());
}
