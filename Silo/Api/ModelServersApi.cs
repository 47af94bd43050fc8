using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// <c>/api/v1/me/model-servers</c>: the language-model server answers may use and, per server, the
/// caller's choice of whether personal identifiers in what their questions send it are replaced by
/// pseudonyms (on unless they turn it off).
/// </summary>
public static class ModelServersApi
{
    public static RouteGroupBuilder MapModelServersApi(this RouteGroupBuilder api)
    {
        var servers = api.MapGroup("/me/model-servers").WithTags("Me");
        servers.MapGet("/", ListAsync).Audited(AuditActions.ProfileRead).WithName("ListModelServers")
            .WithSummary("The configured language-model server (none when answers use no model) with whether what your questions send it is masked.");
        servers.MapPut("/masking", SetMaskingAsync).Audited(AuditActions.ModelServerMaskingChange).WithName("SetModelServerMasking")
            .RequireAuthorization(AuthPolicies.Write)
            .WithSummary("{\"endpoint\": \"…\", \"maskPii\": false} sends that server your data's personal identifiers as they are; true masks them again.");
        return api;
    }

    private static async Task<Ok<ModelServersResponse>> ListAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(new ModelServersResponse(await grains.GetGrain<ICortexGrain>(http.User.UserIdOf()).GetModelServersAsync()));

    private static async Task<Results<Ok<ModelServerPrivacy>, ValidationProblem>> SetMaskingAsync(
        ModelServerMaskingChange body, HttpContext http, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(body.Endpoint))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endpoint"] = ["Name the server's endpoint as GET /api/v1/me/model-servers lists it."] });
        }

        return await grains.GetGrain<ICortexGrain>(http.User.UserIdOf()).SetModelServerMaskingAsync(body.Endpoint, body.MaskPii) is { } server
            ? TypedResults.Ok(server)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["endpoint"] = [$"'{body.Endpoint}' is not the configured model server; GET /api/v1/me/model-servers lists it."],
            });
    }
}

/// <summary>The model servers answers may use, with the caller's masking choice for each.</summary>
public sealed record ModelServersResponse(IReadOnlyList<ModelServerPrivacy> Servers);
