namespace Datapunk.Users.Audit;

/// <summary>Where a call came from when it was not an HTTP request with a client address.</summary>
public static class AuditOrigins
{
    public const string Cli = "cli";
    public const string Grpc = "grpc";
    public const string System = "system";
}
