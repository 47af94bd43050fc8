using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The caller's imports over gRPC (imports.proto). Another user's import is NOT_FOUND, worded exactly
/// as an id nobody used: the job grain refuses the call (its owner is not the caller) and the
/// refusal is reported as absence, so ids cannot be probed.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class ImportsService(IGrainFactory grains, ImportWatchSettings watch) : V1.Imports.ImportsBase
{
    private static readonly string[] FileStatuses = ["imported", "unchanged", "skipped", "failed", "rejected", "importing"];

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.ImportsStart)]
    public override async Task<V1.ImportProgress> Start(V1.StartImportRequest request, ServerCallContext context)
    {
        var body = new NewImport(
            request.UploadIds.Count > 0 ? [.. request.UploadIds.Select(id => GrpcArguments.Id(id, "upload_ids"))] : null,
            request.KeepOriginals,
            request.Paths.Count > 0 ? [.. request.Paths] : null);
        if (ImportStarts.InputsProblem(body) is { } problem)
        {
            throw GrpcArguments.Invalid("upload_ids", problem);
        }

        try
        {
            return (await ImportStarts.StartAsync(body, context.GetHttpContext().User, grains)).ToMessage();
        }
        catch (ImportInputRefusedException exception)
        {
            throw GrpcArguments.Invalid(ImportStarts.ByUploads(body) ? "upload_ids" : "paths", exception.Message);
        }
        catch (UploadNotFoundException exception)
        {
            throw new RpcException(new Status(StatusCode.NotFound, exception.Message));
        }
        catch (ImportAlreadyRunningException exception)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, exception.Message));
        }
    }

    public override async Task<V1.ListImportsReply> List(V1.ListImportsRequest request, ServerCallContext context)
    {
        try
        {
            var imports = await grains.GetGrain<IUserGrain>(context.GetHttpContext().User.UserIdOf()).ListImportsAsync();
            return new V1.ListImportsReply { Imports = { imports.Select(progress => progress.ToMessage()) } };
        }
        catch (UserNotFoundException)
        {
            // An account whose user grain holds no profile yet has imported nothing.
            return new V1.ListImportsReply();
        }
    }

    public override async Task<V1.ImportProgress> Get(V1.GetImportRequest request, ServerCallContext context)
    {
        var importId = GrpcArguments.Id(request.ImportId, "import_id");
        return (await OwnAsync(importId, job => job.GetStatusAsync())).ToMessage();
    }

    public override async Task<V1.GetImportFilesReply> GetFiles(V1.GetImportFilesRequest request, ServerCallContext context)
    {
        var importId = GrpcArguments.Id(request.ImportId, "import_id");
        if (request.Offset < 0)
        {
            throw GrpcArguments.Invalid("offset", $"must be 0 or more; got {request.Offset}.");
        }

        if (request.HasStatus && !FileStatuses.Contains(request.Status))
        {
            throw GrpcArguments.Invalid("status", $"'{request.Status}' is not a file status: use one of {string.Join(", ", FileStatuses)}.");
        }

        var files = await OwnAsync(importId, async job =>
            await job.GetStatusAsync() is null ? null : await job.GetFilesAsync(request.HasStatus ? request.Status : null, request.Offset));
        return new V1.GetImportFilesReply { Files = { files.Select(file => file.ToMessage()) } };
    }

    [Authorize(Policy = AuthPolicies.Write)]
    public override async Task<V1.ImportProgress> Cancel(V1.CancelImportRequest request, ServerCallContext context)
    {
        var importId = GrpcArguments.Id(request.ImportId, "import_id");
        return (await OwnAsync(importId, job => job.CancelAsync())).ToMessage();
    }

    public override async Task WatchImport(V1.WatchImportRequest request, IServerStreamWriter<V1.ImportProgress> responseStream, ServerCallContext context)
    {
        var importId = GrpcArguments.Id(request.ImportId, "import_id");
        V1.ImportProgress? told = null;
        while (true)
        {
            var progress = await OwnAsync(importId, job => job.GetStatusAsync());
            var message = progress.ToMessage();
            if (told is null || !message.WithoutClockFigures().Equals(told))
            {
                await responseStream.WriteAsync(message, context.CancellationToken);
                told = message.WithoutClockFigures();
            }

            if (progress.Status.IsFinished())
            {
                return;
            }

            // The deadline (or the client going away) cancels the wait, and the stream ends with DEADLINE_EXCEEDED or CANCELLED.
            await Task.Delay(watch.PollInterval, context.CancellationToken);
        }
    }

    private async Task<T> OwnAsync<T>(Guid importId, Func<IImportJobGrain, Task<T?>> call) where T : class
    {
        try
        {
            return await call(grains.GetGrain<IImportJobGrain>(importId)) ?? throw NoSuchImport(importId);
        }
        catch (PersonalDataAccessDeniedException)
        {
            throw NoSuchImport(importId);
        }
    }

    private static RpcException NoSuchImport(Guid importId) => new(new Status(StatusCode.NotFound, $"Import {importId} does not exist."));
}
