using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Datapunk.Silo.Api;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>, public: it describes routes, never data) and a
/// browsable reference at <c>/api/docs</c> (Scalar). Every operation declares bearer authentication:
/// a personal access token (<c>dpat_…</c>) or a session JWT.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddDatapunkOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Datapunk API";
            document.Info.Description = "One person's data, theirs alone: every route acts for the authenticated caller.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal access token (dpat_…) or the JWT from POST /api/v1/auth/sign-in.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));

    public static WebApplication MapDatapunkOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference("/api/docs", options => options.WithOpenApiRoutePattern(DocumentPath).WithTitle("Datapunk API")).AllowAnonymous();
        return app;
    }
}
