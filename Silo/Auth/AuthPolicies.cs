namespace Datapunk.Silo.Auth;

/// <summary>Authorization policies by scope; route groups require one of them.</summary>
public static class AuthPolicies
{
    public const string Read = "scope:read";
    public const string Write = "scope:write";
    public const string Admin = "scope:admin";

    /// <summary>The live location routes: an ingest token (<see cref="IngestTokenAuthenticationHandler"/>), and nothing else.</summary>
    public const string Ingest = "ingest-token";
}
