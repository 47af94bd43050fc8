using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The SQL workbench over gRPC (workbench.proto), on the grain <c>/api/v1/sql</c> calls, always the authenticated
/// caller's: queries over the caller's own views, masked unless the owner asks otherwise (then audited apart, as REST
/// does), their plan, the caller's history and saved queries, and a query written for a question.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class WorkbenchService(IGrainFactory grains) : V1.Workbench.WorkbenchBase
{
    [GrpcAudited(AuditActions.SqlRead)]
    public override async Task<V1.SqlResult> Run(V1.SqlRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var result = await Workbench(context).RunAsync(new WorkbenchQuery(request.Sql, request.HasLimit ? request.Limit : null, request.Unmasked));
        var failure = result.Error?.ToException();
        if (request.Unmasked)
        {
            await AuditedEndpoints.AppendAsync(http, AuditActions.SqlUnmasked, result.RowCount, failure?.StatusCode.ToString() ?? nameof(StatusCode.OK));
        }

        if (failure is not null)
        {
            throw failure;
        }

        http.ReportAuditedRecords(result.RowCount);
        return result.ToMessage();
    }

    [GrpcAudited(AuditActions.SqlRead)]
    public override async Task<V1.SqlPlan> Explain(V1.SqlRequest request, ServerCallContext context)
    {
        var plan = await Workbench(context).ExplainAsync(new WorkbenchQuery(request.Sql, request.HasLimit ? request.Limit : null, false));
        return plan.Error is { } error ? throw error.ToException() : new V1.SqlPlan { Plan = plan.PlanJson! };
    }

    [GrpcAudited(AuditActions.Ask)]
    public override async Task<V1.WrittenSql> WriteFromQuestion(V1.SqlQuestion request, ServerCallContext context)
    {
        if (SqlRequests.QuestionErrors(request.Question) is { Count: > 0 } errors)
        {
            throw GrpcArguments.Invalid(errors);
        }

        var written = await Workbench(context).WriteQueryAsync(request.Question);
        if (written.Sql is not { } sql)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"No query was written: {written.Refusal}"));
        }

        var message = new V1.WrittenSql { Sql = sql };
        if (written.Explanation is { } explanation)
        {
            message.Explanation = explanation;
        }

        return message;
    }

    [GrpcAudited(AuditActions.SqlRead)]
    public override async Task<V1.SqlHistory> GetHistory(V1.SqlHistoryRequest request, ServerCallContext context)
    {
        var limit = GrpcArguments.OrDefault(request.Limit, SqlRequests.DefaultHistory);
        if (SqlRequests.HistoryErrors(limit) is { Count: > 0 } errors)
        {
            throw GrpcArguments.Invalid(errors);
        }

        var entries = await Workbench(context).GetHistoryAsync(limit);
        context.GetHttpContext().ReportAuditedRecords(entries.Count);
        return new V1.SqlHistory { Entries = { entries.Select(entry => entry.ToMessage()) } };
    }

    [GrpcAudited(AuditActions.SqlRead)]
    public override async Task<V1.SavedSqlList> ListSaved(V1.ListSavedSqlRequest request, ServerCallContext context)
    {
        var saved = await Workbench(context).GetSavedAsync();
        context.GetHttpContext().ReportAuditedRecords(saved.Count);
        return new V1.SavedSqlList { Queries = { saved.Select(query => query.ToMessage()) } };
    }

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.SqlSavedChange)]
    public override async Task<V1.SavedSql> Save(V1.SaveSqlRequest request, ServerCallContext context)
    {
        var (name, sql) = (request.Name.Trim(), request.Sql.Trim());
        if (SqlRequests.SaveErrors(name, sql) is { Count: > 0 } errors)
        {
            throw GrpcArguments.Invalid(errors);
        }

        var saved = await Workbench(context).SaveAsync(name, sql);
        context.GetHttpContext().ReportAuditedRecords(1);
        return saved.ToMessage();
    }

    [Authorize(Policy = AuthPolicies.Write)]
    [GrpcAudited(AuditActions.SqlSavedChange)]
    public override async Task<V1.DeleteSavedSqlReply> DeleteSaved(V1.DeleteSavedSqlRequest request, ServerCallContext context)
    {
        if (!await Workbench(context).DeleteSavedAsync(request.Id))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"You have no saved query {request.Id}."));
        }

        context.GetHttpContext().ReportAuditedRecords(1);
        return new V1.DeleteSavedSqlReply();
    }

    private IWorkbenchGrain Workbench(ServerCallContext context) => grains.GetGrain<IWorkbenchGrain>(context.GetHttpContext().User.UserIdOf());
}
