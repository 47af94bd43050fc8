using Datapunk.Silo.Auth;
using Grpc.Core;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// Every grain call a gRPC method makes carries the authenticated caller (<see cref="CallerContext"/>),
/// as the REST API's route group does, so a user's grains refuse calls made for anyone else.
/// </summary>
internal sealed class CallerContextInterceptor : AroundCallInterceptor
{
    protected override async Task AroundAsync(ServerCallContext context, Func<Task> call)
    {
        var caller = context.GetHttpContext().User;
        CallerContext.Set(caller.UserIdOf(), caller.RoleOf());
        try
        {
            await call();
        }
        finally
        {
            CallerContext.Clear();
        }
    }
}
