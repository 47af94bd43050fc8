namespace Datapunk.Users.Accounts;

/// <summary>How a password sign-in ended. Unknown accounts and wrong passwords look the same to the caller.</summary>
public abstract record PasswordSignInResult
{
    public sealed record SignedIn(Account Account) : PasswordSignInResult;

    public sealed record Refused : PasswordSignInResult;

    public sealed record LockedOut(DateTimeOffset Until) : PasswordSignInResult;
}
