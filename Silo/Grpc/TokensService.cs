using Datapunk.Silo.Auth;
using Datapunk.Users.Tokens;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>The caller's personal access tokens over gRPC (tokens.proto), as <c>/api/v1/me/tokens</c>.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class TokensService(AccessTokenTable tokens) : V1.Tokens.TokensBase
{
    public override async Task<V1.ListTokensReply> List(V1.ListTokensRequest request, ServerCallContext context)
    {
        var listed = await tokens.ListAsync(context.GetHttpContext().User.UserIdOf(), context.CancellationToken);
        return new V1.ListTokensReply { Tokens = { listed.Select(ToMessage) } };
    }

    [Authorize(Policy = AuthPolicies.Write)]
    public override async Task<V1.CreateTokenReply> Create(V1.CreateTokenRequest request, ServerCallContext context)
    {
        var caller = context.GetHttpContext().User;
        IReadOnlyList<string> scopes = request.Scopes.Count > 0 ? [.. request.Scopes] : [AccessScopes.Read];
        if (NewTokenScopes.ProblemWith(scopes, caller) is { } problem)
        {
            throw GrpcArguments.Invalid("scopes", problem);
        }

        var expiresAt = GrpcArguments.Time(request.ExpiresAt, "expires_at");
        var issued = await tokens.IssueAsync(caller.UserIdOf(), request.Name, scopes, expiresAt, context.CancellationToken);
        return new V1.CreateTokenReply { Token = ToMessage(issued.Token), Text = issued.Text };
    }

    [Authorize(Policy = AuthPolicies.Write)]
    public override async Task<V1.RevokeTokenReply> Revoke(V1.RevokeTokenRequest request, ServerCallContext context)
    {
        var tokenId = GrpcArguments.Id(request.TokenId, "token_id");
        return await tokens.RevokeAsync(context.GetHttpContext().User.UserIdOf(), tokenId, context.CancellationToken)
            ? new V1.RevokeTokenReply()
            : throw new RpcException(new Status(StatusCode.NotFound, $"You have no token {tokenId}."));
    }

    private static V1.AccessToken ToMessage(AccessToken token) => new()
    {
        TokenId = token.TokenId.ToString(),
        Name = token.Name,
        Scopes = { token.Scopes },
        CreatedAt = token.CreatedAt.ToTimestamp(),
        ExpiresAt = token.ExpiresAt.ToTimestamp(),
        LastUsedAt = token.LastUsedAt.ToTimestamp(),
        RevokedAt = token.RevokedAt.ToTimestamp(),
    };
}
