using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Accounts;
using Datapunk.Users.Tokens;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>Administering users over gRPC (users.proto), as <c>/api/v1/users</c>: admin scope on an administrator's account.</summary>
[Authorize(Policy = AuthPolicies.Admin)]
internal sealed class UsersService(AccountTable accounts, AccessTokenTable tokens, IGrainFactory grains) : V1.Users.UsersBase
{
    public override async Task<V1.ListUsersReply> List(V1.ListUsersRequest request, ServerCallContext context)
    {
        var listed = await accounts.ListAsync(context.CancellationToken);
        return new V1.ListUsersReply
        {
            Users = { listed.Select(account => new V1.UserAccount { UserName = account.UserId, Role = account.Role, CreatedAt = account.CreatedAt.ToTimestamp() }) },
        };
    }

    public override async Task<V1.CreateUserReply> Create(V1.CreateUserRequest request, ServerCallContext context)
    {
        var body = new NewUser(
            request.UserName, request.HasDisplayName ? request.DisplayName : null, request.HasEmail ? request.Email : null, request.HasRole ? request.Role : null);
        if (NewUsers.Validate(body) is { Count: > 0 } errors)
        {
            throw GrpcArguments.Invalid(errors);
        }

        try
        {
            var created = await NewUsers.CreateAsync(body, context.GetHttpContext().User.UserIdOf(), grains, tokens, context.CancellationToken);
            return new V1.CreateUserReply { UserName = created.User, Role = created.Role, Token = created.Token };
        }
        catch (UserAlreadyExistsException exception)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, exception.Message));
        }
    }
}
