namespace Datapunk.Streams.OAuth;

/// <summary>The token endpoint refused a code or refresh token: the user must authorize again.</summary>
public sealed class TokenRefusedException(string message) : Exception(message);
