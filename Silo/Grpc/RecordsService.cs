using Datapunk.Lake.Reading;
using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// The caller's records over gRPC (records.proto), through the caller's user grain and the same reader
/// and checks as <c>GET /api/v1/records</c>: a page at a time, or every page as a stream.
/// </summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class RecordsService(IGrainFactory grains) : V1.Records.RecordsBase
{
    /// <summary>The REST parameters whose proto fields are named otherwise.</summary>
    private static readonly Dictionary<string, string> FieldNames = new()
    {
        ["kind"] = "kinds", ["q"] = "text", ["limit"] = "page_size", ["after"] = "page_token",
    };

    [GrpcAudited(AuditActions.RecordsRead)]
    public override async Task<V1.RecordsPage> List(V1.ListRecordsRequest request, ServerCallContext context)
    {
        var page = await grains.CallerUser(context).ListRecordsAsync(Query(request), context.CancellationToken);
        context.GetHttpContext().ReportAuditedRecords(page.Records.Count);
        return page.ToMessage();
    }

    [GrpcAudited(AuditActions.RecordsRead)]
    public override async Task StreamPages(V1.ListRecordsRequest request, IServerStreamWriter<V1.RecordsPage> responseStream, ServerCallContext context)
    {
        var query = Query(request);
        var user = grains.CallerUser(context);
        long sent = 0;
        try
        {
            do
            {
                // Each page is its own read (its own short transaction): a long listing holds no connection between pages.
                var page = await user.ListRecordsAsync(query, context.CancellationToken);
                await responseStream.WriteAsync(page.ToMessage(), context.CancellationToken);
                sent += page.Records.Count;
                query = query with { After = page.Next };
            }
            while (query.After is not null);
        }
        finally
        {
            context.GetHttpContext().ReportAuditedRecords(sent);
        }
    }

    private static RecordsQuery Query(V1.ListRecordsRequest request)
    {
        var query = new RecordsQuery(
            [.. request.Kinds],
            GrpcArguments.Time(request.From, "from"),
            GrpcArguments.Time(request.To, "to"),
            GrpcArguments.Given(request.Source),
            GrpcArguments.Given(request.Text),
            GrpcArguments.OrDefault(request.PageSize, ReadingLimits.DefaultRecords),
            GrpcArguments.Given(request.PageToken));
        return GrpcArguments.Valid(query, RecordsQueries.Check(query), FieldNames);
    }
}
