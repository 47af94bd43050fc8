using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Datapunk.Users.Privacy;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The caller's privacy rights over gRPC (privacy.proto), as <c>/api/v1/privacy/exports…</c> and
/// <c>DELETE /api/v1/me</c>: exports through the caller's user grain, downloaded as a stream of
/// chunks, and erasure with the same confirmation. Another user's export is NOT_FOUND, worded as an
/// export that never existed.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class PrivacyService(IGrainFactory grains, UserExports exports) : V1.Privacy.PrivacyBase
{
    /// <summary>Well under gRPC's 4 MB default message limit, large enough that a zip of many megabytes is a few hundred messages.</summary>
    private const int ChunkSize = 64 * 1024;

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.Export)]
    public override async Task<V1.ExportStatus> StartExport(V1.StartExportRequest request, ServerCallContext context)
    {
        var user = grains.CallerUser(context);
        var exportId = request.Masked ? await user.ExportMaskedAsync() : await user.ExportAsync();
        return (await user.GetExportAsync(exportId) ?? throw NoSuchExport(exportId)).ToMessage();
    }

    public override async Task<V1.ExportStatus> GetExport(V1.GetExportRequest request, ServerCallContext context)
    {
        var exportId = GrpcArguments.Id(request.ExportId, "export_id");
        return (await grains.CallerUser(context).GetExportAsync(exportId) ?? throw NoSuchExport(exportId)).ToMessage();
    }

    public override async Task DownloadExport(V1.DownloadExportRequest request, IServerStreamWriter<V1.ExportChunk> responseStream, ServerCallContext context)
    {
        var exportId = GrpcArguments.Id(request.ExportId, "export_id");
        if (request.Offset < 0)
        {
            throw GrpcArguments.Invalid("offset", $"is a byte position, 0 or more; got {request.Offset}.");
        }

        var (status, zip) = await PrivacyRequests.FindZipAsync(context.GetHttpContext().User.UserIdOf(), exportId, grains, exports);
        if (status is null)
        {
            throw NoSuchExport(exportId);
        }

        if (zip is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Export {exportId} is not ready: {status.Error ?? $"it is {status.State}."}"));
        }

        // Opened once: the sweeper may remove the file meanwhile, and an open file stays readable.
        await using var file = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, ChunkSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (request.Offset > file.Length)
        {
            throw GrpcArguments.Invalid("offset", $"is past the end of the export's {file.Length} bytes.");
        }

        file.Position = request.Offset;
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = await file.ReadAsync(buffer, context.CancellationToken)) > 0)
        {
            var chunk = new V1.ExportChunk { Offset = file.Position - read, Data = ByteString.CopyFrom(buffer, 0, read), TotalBytes = file.Length };
            await responseStream.WriteAsync(chunk, context.CancellationToken);
        }
    }

    [Authorize(Policy = AuthPolicies.Write)]
    public override async Task<V1.ErasureReport> Erase(V1.EraseRequest request, ServerCallContext context)
    {
        var userId = context.GetHttpContext().User.UserIdOf();
        if (PrivacyRequests.ConfirmationProblem(userId, request.Confirm) is { } problem)
        {
            throw GrpcArguments.Invalid("confirm", problem);
        }

        return (await grains.CallerUser(context).EraseAsync()).ToMessage();
    }

    private static RpcException NoSuchExport(Guid exportId) => new(new Status(StatusCode.NotFound, PrivacyRequests.NoSuchExport(exportId)));
}
