using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Datapunk.Silo.Api;

/// <summary>
/// The caller's models at <c>/api/v1/models</c>: every kind with its versions, training now, promoting a
/// version and rolling back to the one served before (docs/forge.md, "Lifecycle").
/// </summary>
public static class ModelsApi
{
    /// <summary>The version to serve.</summary>
    public sealed record PromoteModel(int Version);

    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("", ListAsync).Audited(AuditActions.ModelsRead).WithName("ListModels")
            .WithSummary("Every model kind (places, routines, anomalies) with its versions, newest first: status, parameters, data window, metrics.");
        models.MapGet("/{kind}", GetAsync).Audited(AuditActions.ModelsRead).WithName("GetModel").WithSummary("One model kind with its versions.");
        models.MapPost("/{kind}/train", TrainAsync).Audited(AuditActions.ModelsChange).RequireAuthorization(AuthPolicies.Write).WithName("TrainModel")
            .WithSummary("Trains the model now, in the background: one run at a time; the new version is promoted when it is ready.");
        models.MapPost("/{kind}/promote", PromoteAsync).Audited(AuditActions.ModelsChange).RequireAuthorization(AuthPolicies.Write).WithName("PromoteModel")
            .WithSummary("Serves a ready or retired version ({\"version\": 3}); the version served until now is retired.");
        models.MapPost("/{kind}/rollback", RollbackAsync).Audited(AuditActions.ModelsChange).RequireAuthorization(AuthPolicies.Write).WithName("RollbackModel")
            .WithSummary("Serves again the version promoted before the current one.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ModelOverview>>> ListAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var user = http.User.UserIdOf();
        var models = await Task.WhenAll(ModelKinds.All.Select(kind => grains.GetGrain<IModelGrain>(ModelKeys.Of(user, kind)).GetAsync(cancellationToken)));
        http.ReportAuditedRecords(models.Sum(model => model.Versions.Count));
        return TypedResults.Ok<IReadOnlyList<ModelOverview>>(models);
    }

    private static Task<Results<Ok<ModelOverview>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> GetAsync(
        string kind, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        CallAsync(kind, http, grains, model => model.GetAsync(cancellationToken));

    private static Task<Results<Ok<ModelOverview>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> TrainAsync(string kind, HttpContext http, IGrainFactory grains) =>
        CallAsync(kind, http, grains, model => model.TrainAsync("on demand"));

    private static Task<Results<Ok<ModelOverview>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> PromoteAsync(
        string kind, PromoteModel body, HttpContext http, IGrainFactory grains) =>
        CallAsync(kind, http, grains, model => model.PromoteAsync(body.Version));

    private static Task<Results<Ok<ModelOverview>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RollbackAsync(string kind, HttpContext http, IGrainFactory grains) =>
        CallAsync(kind, http, grains, model => model.RollbackAsync());

    /// <summary>Calls the caller's model of <paramref name="kind"/>: 404 for a kind that is not one, 409 for a promotion or rollback the registry refuses.</summary>
    private static async Task<Results<Ok<ModelOverview>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CallAsync(
        string kind, HttpContext http, IGrainFactory grains, Func<IModelGrain, Task<ModelOverview>> call)
    {
        if (!ModelKinds.IsKnown(kind))
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "No such model", Detail = ModelKinds.Unknown(kind), Status = StatusCodes.Status404NotFound });
        }

        try
        {
            var model = await call(grains.GetGrain<IModelGrain>(ModelKeys.Of(http.User.UserIdOf(), kind)));
            http.ReportAuditedRecords(model.Versions.Count);
            return TypedResults.Ok(model);
        }
        catch (ModelLifecycleException exception)
        {
            return TypedResults.Conflict(new ProblemDetails { Title = "Not possible", Detail = exception.Message, Status = StatusCodes.Status409Conflict });
        }
    }
}
