namespace Datapunk.Cli;

/// <summary>Process exit codes, so scripts can tell "the cluster said no" from "there was nobody to ask".</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The gateway answered with an error (bad input, not found, silo not ready).</summary>
    public const int ApiError = 1;

    /// <summary>An import followed with --wait ended Failed or Cancelled.</summary>
    public const int ImportNotCompleted = 1;

    /// <summary><c>audit verify</c> found an entry of the audit chain changed, removed or moved.</summary>
    public const int AuditChainBroken = 1;

    /// <summary>The gateway could not be reached or did not answer in time.</summary>
    public const int GatewayUnreachable = 2;
}
