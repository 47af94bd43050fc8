namespace Datapunk.Users.Accounts;

/// <summary>An account as the sign-in and token checks see it.</summary>
public sealed record Account(
    string UserId, string Role, string? PasswordHash, int FailedSignIns, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);
