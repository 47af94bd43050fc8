using Microsoft.AspNetCore.Identity;

namespace Datapunk.Users.Accounts;

/// <summary>
/// Passwords: hashed with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, salted, versioned so a
/// later algorithm rehashes on sign-in), checked with a lockout after repeated failures.
/// </summary>
public sealed class PasswordSignIn(AccountTable accounts, PasswordSignInOptions options, TimeProvider clock)
{
    public const int MinimumLength = 10;

    private readonly PasswordHasher<Account> _hasher = new();

    public async Task SetPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        if (password.Length < MinimumLength || password.Length > 1024)
        {
            throw new ArgumentException($"A password must be {MinimumLength} to 1024 characters.", nameof(password));
        }

        var account = await accounts.FindAsync(userId, cancellationToken)
            ?? throw new ArgumentException($"There is no account '{userId}'.", nameof(userId));
        await accounts.SetPasswordHashAsync(userId, _hasher.HashPassword(account, password), cancellationToken);
    }

    public async Task<PasswordSignInResult> SignInAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken);
        if (account is null)
        {
            // Hash anyway, so an unknown name costs what a wrong password costs.
            _hasher.VerifyHashedPassword(new Account("", "", null, 0, null, default), DummyHash.Value, password);
            return new PasswordSignInResult.Refused();
        }

        if (account.LockedUntil is { } until && until > clock.GetUtcNow())
        {
            return new PasswordSignInResult.LockedOut(until);
        }

        var verdict = account.PasswordHash is null
            ? PasswordVerificationResult.Failed
            : _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await accounts.RecordFailedSignInAsync(userId, options.MaxFailedSignIns, options.LockoutDuration, cancellationToken);
            return new PasswordSignInResult.Refused();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await accounts.SetPasswordHashAsync(userId, _hasher.HashPassword(account, password), cancellationToken);
        }
        else if (account.FailedSignIns > 0)
        {
            await accounts.ResetFailedSignInsAsync(userId, cancellationToken);
        }

        return new PasswordSignInResult.SignedIn(account);
    }

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<Account>().HashPassword(new Account("", "", null, 0, null, default), Guid.NewGuid().ToString()));
}

/// <summary>Lockout: <see cref="MaxFailedSignIns"/> wrong passwords in a row lock the account for <see cref="LockoutDuration"/>.</summary>
public sealed record PasswordSignInOptions(int MaxFailedSignIns, TimeSpan LockoutDuration);
