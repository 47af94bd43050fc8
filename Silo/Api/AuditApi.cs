using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>The audit log over REST: one's own trail, and (admin) verification of the whole chain.</summary>
public static class AuditApi
{
    public const int DefaultPage = 50;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/privacy/audit", ReadTrailAsync).Audited(AuditActions.AuditRead)
            .WithTags("Privacy").WithName("GetAuditTrail")
            .WithSummary("The caller's audit trail, newest first: every access to their data and every act of theirs. Page with ?before= (the last sequence number seen) and ?limit= (1-1000, default 50).");
        api.MapGet("/admin/audit/verify", VerifyAsync).Audited(AuditActions.AuditVerify).RequireAuthorization(AuthPolicies.Admin)
            .WithTags("Admin").WithName("VerifyAuditChain")
            .WithSummary("Checks the whole audit chain: the first entry that was changed, removed or moved, and the chain's head.");
        return api;
    }

    private static async Task<Results<Ok<AuditTrailPage>, ValidationProblem>> ReadTrailAsync(
        HttpContext http, IAuditLog log, long? before, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (before is < 1)
        {
            errors["before"] = [$"'before' is a sequence number, 1 or more; got {before}."];
        }

        if (limit is < 1 or > PostgresAuditLog.MaxTrailPage)
        {
            errors["limit"] = [$"'limit' is 1 to {PostgresAuditLog.MaxTrailPage}; got {limit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var pageSize = limit ?? DefaultPage;
        var entries = await log.ReadTrailAsync(http.User.UserIdOf(), before, pageSize, cancellationToken);
        http.ReportAuditedRecords(entries.Count);
        return TypedResults.Ok(new AuditTrailPage(
            [.. entries.Select(e => new AuditTrailEntry(e.Sequence, e.At, e.Actor, e.Subject, e.Action, e.RecordCount, e.Origin, e.Details, e.Redacted))],
            entries.Count == pageSize ? entries[^1].Sequence : null));
    }

    private static async Task<Ok<AuditVerificationReport>> VerifyAsync(HttpContext http, IAuditLog log, CancellationToken cancellationToken)
    {
        var verification = await log.VerifyAsync(cancellationToken);
        http.ReportAuditedRecords(verification.EntriesChecked);
        return TypedResults.Ok(new AuditVerificationReport(
            verification.EntriesChecked, verification.Valid, verification.FirstBrokenSequence, verification.Reason,
            verification.HeadSequence, verification.HeadHash));
    }
}
