namespace Datapunk.Streams.Connections;

/// <summary>The values of <c>user_data.connections.status</c>.</summary>
public static class ConnectionStates
{
    public const string Connected = "connected";
    public const string Syncing = "syncing";

    /// <summary>The last poll failed (the provider was down, slow or answered nonsense); the next one retries.</summary>
    public const string Failing = "failing";

    /// <summary>The provider refused the refresh token, or the account did not grant a scope a request needs: only a new authorization helps.</summary>
    public const string Reauthorize = "reauthorize";
}
