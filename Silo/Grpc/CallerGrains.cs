using Datapunk.Silo.Auth;
using Grpc.Core;

namespace Datapunk.Silo.Grpc;

/// <summary>The authenticated caller's own user grain: the only way the gRPC services reach a user's data.</summary>
internal static class CallerGrains
{
    public static IUserGrain CallerUser(this IGrainFactory grains, ServerCallContext context) =>
        grains.GetGrain<IUserGrain>(context.GetHttpContext().User.UserIdOf());
}
