using Datapunk.Silo.Auth;

namespace Datapunk.Silo.Api;

/// <summary>
/// The versioned REST API. Every route under <c>/api/v1</c> requires an authenticated caller with at
/// least the read scope (route groups ask for more), and every grain call a handler makes carries
/// the caller (<see cref="CallerContext"/>), so the user grain can refuse calls for anyone else.
/// A route group maps itself onto the group this returns: <c>api.MapRecordsApi()</c>.
/// </summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(AuthPolicies.Read);
        api.AddEndpointFilter(static async (context, next) =>
        {
            var caller = context.HttpContext.User;
            CallerContext.Set(caller.UserIdOf(), caller.RoleOf());
            try
            {
                return await next(context);
            }
            finally
            {
                CallerContext.Clear();
            }
        });
        return api;
    }
}
