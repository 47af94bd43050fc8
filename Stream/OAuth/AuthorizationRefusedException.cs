namespace Datapunk.Streams.OAuth;

/// <summary>A callback that cannot complete an authorization: unknown, used or expired state, or a provider that refused. Nothing was stored.</summary>
public sealed class AuthorizationRefusedException(string message, Exception? innerException = null) : Exception(message, innerException);
