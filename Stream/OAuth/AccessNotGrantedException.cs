namespace Datapunk.Streams.OAuth;

/// <summary>
/// The provider refused the access token a request because the account did not grant the scope it needs
/// (Google's 403 <c>insufficientPermissions</c>, e.g. a scope unticked on Google's consent screen): retrying
/// cannot help, only connecting the account again and granting it.
/// </summary>
public sealed class AccessNotGrantedException(string message) : Exception(message);
