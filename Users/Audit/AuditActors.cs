namespace Datapunk.Users.Audit;

/// <summary>Actors and subjects that are not users.</summary>
public static class AuditActors
{
    /// <summary>The platform itself: jobs, erasure's tombstone.</summary>
    public const string System = "system";

    /// <summary>What an erased user's id becomes in the entries that named it; no user name can be this.</summary>
    public const string Erased = "~erased";
}
