using System.Reflection;

namespace Datapunk.Silo.Auth;

/// <summary>
/// The one place the cluster checks who may reach a user's data: every call into a grain that holds
/// personal data (<see cref="IPersonalDataGrain"/>) from outside the grains (the REST and gRPC
/// gateways, Orleans clients) must name its caller (<see cref="CallerContext"/>), and the caller must
/// be the grain's owner, or an administrator calling a method marked
/// <see cref="AdministratorMayCallAttribute"/>. Calls between grains and from the runtime (reminders)
/// pass: they continue a flow that was checked when it entered.
/// </summary>
public sealed partial class PersonalDataCallFilter(ILogger<PersonalDataCallFilter> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext.GrainInstance is IPersonalDataGrain grain && IsFromOutside(context) && !MayCall(context, grain.OwnerUserId))
        {
            Log.Refused(logger, CallerContext.UserId ?? "(nobody)", context.InterfaceName, context.MethodName, context.TargetId.ToString());
            throw new PersonalDataAccessDeniedException(
                $"{context.InterfaceName}.{context.MethodName} on {context.TargetId} was refused: the call does not act for the user whose data it holds.");
        }

        return context.Invoke();
    }

    private static bool IsFromOutside(IIncomingGrainCallContext context) =>
        context.SourceId is not { } source || GrainTypePrefix.IsClient(source);

    private static bool MayCall(IIncomingGrainCallContext context, string? owner)
    {
        var caller = CallerContext.UserId;
        if (caller is null)
        {
            return false;
        }

        // A grain that holds nothing yet (a job not started) has nothing to show; starting it checks the caller itself.
        if (owner is null || owner == caller)
        {
            return true;
        }

        return AccountRoles.IsAdministrator(CallerContext.Role)
            && (context.InterfaceMethod?.GetCustomAttribute<AdministratorMayCallAttribute>() is not null
                || context.ImplementationMethod?.GetCustomAttribute<AdministratorMayCallAttribute>() is not null);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call for {Caller} to {Interface}.{Method} on {Grain}: not the owner of its data")]
        public static partial void Refused(ILogger logger, string caller, string @interface, string method, string grain);
    }
}
