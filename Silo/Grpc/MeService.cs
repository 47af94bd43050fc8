using Datapunk.Silo.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>The caller's own account over gRPC (me.proto), as <c>GET /api/v1/me</c>.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class MeService(IGrainFactory grains) : V1.Me.MeBase
{
    public override async Task<V1.MeReply> GetMe(V1.GetMeRequest request, ServerCallContext context)
    {
        var caller = context.GetHttpContext().User;
        var profile = await grains.GetGrain<IUserGrain>(caller.UserIdOf()).GetProfileAsync();
        var reply = new V1.MeReply
        {
            UserName = caller.UserIdOf(),
            Role = caller.RoleOf(),
            Scopes = { caller.FindFirst(CallerClaims.Scope)?.Value.Split(' ') ?? [] },
        };
        if (profile?.DisplayName is { } displayName)
        {
            reply.DisplayName = displayName;
        }

        if (profile?.Email is { } email)
        {
            reply.Email = email;
        }

        if (profile?.TimeZone is { } timeZone)
        {
            reply.TimeZone = timeZone;
        }

        if (caller.FindFirst(CallerPrincipals.ActorClaim)?.Value is { } administrator)
        {
            reply.ActingAdministrator = administrator;
        }

        return reply;
    }
}
