using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;

namespace Datapunk.Silo.Api;

/// <summary>
/// Audit entries for routes that touch personal data: <c>.Audited("records.read")</c> on a route or
/// group appends one entry per call, after the handler ran and before its result is sent, with the
/// caller, the subject, the record count the handler reported, the outcome and the client address.
/// When the entry cannot be written the call fails: no personal data leaves without its entry.
/// </summary>
public static class AuditedEndpoints
{
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action) where TBuilder : IEndpointConventionBuilder
    {
        // Validates the action once, at start-up, rather than on the first call.
        new AuditEntry(AuditActors.System, AuditActors.System, action, 0, AuditOrigins.System).Validate();
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var call = new AuditedCall();
            http.Features.Set<IAuditedCall>(call);
            object? result = null;
            try
            {
                result = await next(context);
                return result;
            }
            finally
            {
                var outcome = result is IStatusCodeHttpResult { StatusCode: { } status } ? status.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : result is null ? "error" : "200";
                await AppendAsync(http, action, call.RecordCount, outcome);
            }
        });
    }

    /// <summary>Reports how many records this call returned or changed; the route must be <see cref="Audited"/>.</summary>
    public static void ReportAuditedRecords(this HttpContext http, long count)
    {
        var call = http.Features.Get<IAuditedCall>()
            ?? throw new InvalidOperationException($"{http.Request.Method} {http.Request.Path} reports audited records but its route is not .Audited(…).");
        call.RecordCount = count;
    }

    private static async Task AppendAsync(HttpContext http, string action, long recordCount, string outcome)
    {
        var log = http.RequestServices.GetRequiredService<IAuditLog>();
        var subject = http.User.UserIdOf();
        var actingAdmin = http.User.FindFirst(CallerPrincipals.ActorClaim)?.Value;
        var origin = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var details = new Dictionary<string, string>
        {
            ["method"] = http.Request.Method,
            ["route"] = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "",
            ["status"] = outcome,
        };
        var entry = new AuditEntry(actingAdmin ?? subject, subject, action, recordCount, origin, details);
        if (actingAdmin is null)
        {
            await log.AppendAsync(entry, CancellationToken.None);
            return;
        }

        await log.AppendAsync(
            [new AuditEntry(actingAdmin, subject, AuditActions.AdminActAs, 0, origin, new Dictionary<string, string> { ["action"] = action }), entry],
            CancellationToken.None);
    }

    private sealed class AuditedCall : IAuditedCall
    {
        public long RecordCount { get; set; }
    }
}
