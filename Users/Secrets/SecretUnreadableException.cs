namespace Datapunk.Users.Secrets;

/// <summary>A stored secret that does not decrypt here: moved to another user or name, or encrypted with a key this silo lacks.</summary>
public sealed class SecretUnreadableException(string message, Exception innerException) : Exception(message, innerException);
