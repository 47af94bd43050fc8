using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The caller's live-source connections over gRPC (connections.proto), through the caller's own user
/// grain: another user's connection id reaches nothing and is NOT_FOUND like an id nobody used.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class ConnectionsService(IGrainFactory grains) : V1.Connections.ConnectionsBase
{
    [GrpcAudited(AuditActions.ConnectionsRead)]
    public override async Task<V1.ListConnectionsReply> List(V1.ListConnectionsRequest request, ServerCallContext context)
    {
        var connections = await grains.CallerUser(context).ListConnectionsAsync();
        context.GetHttpContext().ReportAuditedRecords(connections.Count);
        return new V1.ListConnectionsReply { Connections = { connections.Select(connection => connection.ToMessage()) } };
    }

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.ConnectionsChange)]
    public override async Task<V1.ConnectionSync> Sync(V1.ConnectionRequest request, ServerCallContext context) =>
        (await grains.CallerUser(context).SyncConnectionAsync(request.ConnectionId) ?? throw NotFound(request)).ToMessage();

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.ConnectionsChange)]
    public override async Task<V1.Connection> Pause(V1.ConnectionRequest request, ServerCallContext context) =>
        (await grains.CallerUser(context).PauseConnectionAsync(request.ConnectionId) ?? throw NotFound(request)).ToMessage();

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.ConnectionsChange)]
    public override async Task<V1.Connection> Resume(V1.ConnectionRequest request, ServerCallContext context) =>
        (await grains.CallerUser(context).ResumeConnectionAsync(request.ConnectionId) ?? throw NotFound(request)).ToMessage();

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.ConnectionsChange)]
    public override async Task<V1.RemoveConnectionReply> Remove(V1.ConnectionRequest request, ServerCallContext context) =>
        await grains.CallerUser(context).RemoveConnectionAsync(request.ConnectionId) ? new V1.RemoveConnectionReply() : throw NotFound(request);

    private static RpcException NotFound(V1.ConnectionRequest request) =>
        new(new Status(StatusCode.NotFound, $"You have no connection '{request.ConnectionId}' (ids are provider:account)."));
}
