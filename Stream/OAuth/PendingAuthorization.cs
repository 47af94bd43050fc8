namespace Datapunk.Streams.OAuth;

/// <summary>An authorization begun by <paramref name="UserId"/> for <paramref name="Provider"/>, consumed by its callback.</summary>
public sealed record PendingAuthorization(string UserId, string Provider, string Verifier);
