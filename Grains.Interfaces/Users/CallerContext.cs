namespace Datapunk.Grains;

/// <summary>
/// Who a grain call is made for. The gateway sets it from the authenticated request before it calls
/// a grain; Orleans carries it along the call chain (<see cref="RequestContext"/>), and the silo's
/// incoming call filter compares it with the owner of every grain that holds personal data.
/// </summary>
public static class CallerContext
{
    private const string UserKey = "dp.caller";
    private const string RoleKey = "dp.caller-role";

    /// <summary>The user the current call acts for, or null when none was named.</summary>
    public static string? UserId => RequestContext.Get(UserKey) as string;

    /// <summary>The caller's account role (<see cref="AccountRoles"/>), or null.</summary>
    public static string? Role => RequestContext.Get(RoleKey) as string;

    /// <summary>Names the caller of every grain call made from here on in this async flow.</summary>
    public static void Set(string userId, string role)
    {
        RequestContext.Set(UserKey, userId);
        RequestContext.Set(RoleKey, role);
    }

    public static void Clear()
    {
        RequestContext.Remove(UserKey);
        RequestContext.Remove(RoleKey);
    }
}
