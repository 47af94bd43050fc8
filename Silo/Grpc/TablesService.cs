using Datapunk.Lake.Tables;
using Datapunk.Lake.Uploads;
using Datapunk.Silo.Api;
using Datapunk.Silo.Api.Tables;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The caller's own tables over gRPC (tables.proto), on the engine the REST routes use (Lake/Tables), always
/// for the authenticated caller: another user's table name is NOT_FOUND like a name nobody used. Files come
/// as finished uploads of the caller's.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class TablesService(
    UploadStore uploads, UploadSpool spool, UserTablePreviews previews, UserTableWriter writer, UserTableCatalog catalog, UserTablesOptions options,
    IGrainFactory grains, ILogger<TablesService> logger)
    : V1.Tables.TablesBase
{
    private const int DefaultPageRows = 100;

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.TablesRead)]
    public override Task<V1.TablePreview> Preview(V1.TableUploadRequest request, ServerCallContext context) =>
        WithUploadAsync(request, context, async file =>
        {
            var preview = await previews.PreviewAsync(file.Path, file.Format, file.Read, file.Changes, context.CancellationToken);
            context.GetHttpContext().ReportAuditedRecords(preview.Rows.Count);
            return preview.ToMessage();
        });

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.TablesChange)]
    public override Task<V1.Table> Store(V1.TableUploadRequest request, ServerCallContext context) =>
        WithUploadAsync(request, context, async file =>
        {
            var table = await writer.StoreAsync(context.GetHttpContext().User.UserIdOf(), request.Name, file.Path, file.FileName, file.Format, file.Read, file.Changes,
                request.Replace, context.CancellationToken);
            context.GetHttpContext().ReportAuditedRecords(table.RowCount);
            await TableCatalogRefresh.RequestAsync(grains, context.GetHttpContext().User.UserIdOf(), logger);
            return table.ToMessage();
        });

    [GrpcAudited(AuditActions.TablesRead)]
    public override async Task<V1.ListTablesReply> List(V1.ListTablesRequest request, ServerCallContext context)
    {
        var tables = await catalog.ListAsync(context.GetHttpContext().User.UserIdOf(), context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(tables.Count);
        return new V1.ListTablesReply { Tables = { tables.Select(table => table.ToMessage()) } };
    }

    [GrpcAudited(AuditActions.TablesRead)]
    public override async Task<V1.TableRows> Get(V1.GetTableRequest request, ServerCallContext context)
    {
        if (request.Offset < 0 || request.Limit is < 0 or > UserTableCatalog.MaxPageRows)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"offset is 0 or more, limit 1 to {UserTableCatalog.MaxPageRows} (0 for {DefaultPageRows})."));
        }

        var page = await catalog.GetAsync(context.GetHttpContext().User.UserIdOf(), request.Name, request.Offset,
            request.Limit == 0 ? DefaultPageRows : request.Limit, context.CancellationToken) ?? throw NotFound(request.Name);
        context.GetHttpContext().ReportAuditedRecords(page.Rows.Count);
        return page.ToMessage();
    }

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.TablesChange)]
    public override async Task<V1.DeleteTableReply> Delete(V1.DeleteTableRequest request, ServerCallContext context)
    {
        var rows = await catalog.DeleteAsync(context.GetHttpContext().User.UserIdOf(), request.Name, context.CancellationToken) ?? throw NotFound(request.Name);
        context.GetHttpContext().ReportAuditedRecords(rows);
        await TableCatalogRefresh.RequestAsync(grains, context.GetHttpContext().User.UserIdOf(), logger);
        return new V1.DeleteTableReply { Rows = rows };
    }

    /// <summary>Resolves the caller's finished upload and runs <paramref name="work"/> on its file, turning the engine's refusals into statuses.</summary>
    private async Task<T> WithUploadAsync<T>(
        V1.TableUploadRequest request, ServerCallContext context, Func<UploadedTable, Task<T>> work)
    {
        var userId = context.GetHttpContext().User.UserIdOf();
        if (!Guid.TryParse(request.UploadId, out var uploadId)
            || await uploads.GetAsync(userId, uploadId, context.CancellationToken) is not { IsComplete: true } upload)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"You have no finished upload '{request.UploadId}'; upload the file first (POST /api/v1/uploads)."));
        }

        var format = TableFormats.Resolve(request.Format, upload.FileName)
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"format: say the file's format ({string.Join(", ", TableFormats.All)}); the upload's name does not."));
        var read = new TableReadOptions(request.Sheet.Length > 0 ? request.Sheet : null, options.MaxInflatedBytes);
        var changes = new TableColumnChanges(request.ColumnTypes, request.Renames, request.Skip);
        try
        {
            return await work(new UploadedTable(spool.FileOf(userId, uploadId), format, upload.FileName ?? $"upload.{format}", read, changes));
        }
        catch (Exception exception) when (exception is TableFileException or TableColumnChangeException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, exception.Message));
        }
        catch (UserTableExistsException exception)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, exception.Message));
        }
    }

    private static RpcException NotFound(string name) => new(new Status(StatusCode.NotFound, $"You have no table '{name}'."));

    private sealed record UploadedTable(string Path, string Format, string FileName, TableReadOptions Read, TableColumnChanges Changes);
}
