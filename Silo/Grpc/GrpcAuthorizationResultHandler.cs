using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// A gRPC call refused by an authorization policy ends with UNAUTHENTICATED (no valid credential) or
/// PERMISSION_DENIED (the credential lacks the method's scope), with a message saying which; REST
/// requests keep ASP.NET Core's 401 and 403.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _rest = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !GrpcResponses.IsGrpc(context.Request))
        {
            await _rest.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged || context.User.Identity?.IsAuthenticated != true)
        {
            await GrpcResponses.WriteStatusAsync(context, StatusCode.Unauthenticated,
                "No valid credential: send 'authorization: Bearer <token>' metadata with a personal access token or a session JWT that is neither expired nor revoked.");
            return;
        }

        var policies = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).OfType<string>().Distinct() ?? [];
        await GrpcResponses.WriteStatusAsync(context, StatusCode.PermissionDenied,
            $"This method needs {string.Join(" and ", policies)} (admin also needs an administrator's account); the credential in use does not grant it.");
    }
}
