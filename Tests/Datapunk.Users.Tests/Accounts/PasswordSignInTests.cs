using Datapunk.Users.Accounts;

namespace Datapunk.Users.Tests.Accounts;

/// <summary>Password sign-in with ASP.NET Core Identity's hasher and a lockout after repeated failures.</summary>
[Collection(AccountsDatabaseCollection.Name)]
public sealed class PasswordSignInTests(AccountsDatabase database)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_right_password_signs_in_and_the_hash_is_not_the_password()
    {
        var user = await database.NewAccountAsync("pw");
        var accounts = new AccountTable(database.DataSource);
        var passwords = new PasswordSignIn(accounts, new PasswordSignInOptions(3, TimeSpan.FromMinutes(5)), TimeProvider.System);

        await passwords.SetPasswordAsync(user, "correct horse battery", Cancellation);

        (await passwords.SignInAsync(user, "correct horse battery", Cancellation)).ShouldBeOfType<PasswordSignInResult.SignedIn>();
        (await passwords.SignInAsync(user, "Correct horse battery", Cancellation)).ShouldBeOfType<PasswordSignInResult.Refused>();
        (await passwords.SignInAsync("nobody-" + user, "correct horse battery", Cancellation)).ShouldBeOfType<PasswordSignInResult.Refused>();
        var stored = (await accounts.FindAsync(user, Cancellation))!.PasswordHash!;
        stored.ShouldNotContain("correct horse");
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        var user = await database.NewAccountAsync("pw");
        var passwords = new PasswordSignIn(new AccountTable(database.DataSource), new PasswordSignInOptions(3, TimeSpan.FromMinutes(5)), TimeProvider.System);
        await passwords.SetPasswordAsync(user, "correct horse battery", Cancellation);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await passwords.SignInAsync(user, "guess " + attempt, Cancellation)).ShouldBeOfType<PasswordSignInResult.Refused>();
        }

        var locked = (await passwords.SignInAsync(user, "correct horse battery", Cancellation)).ShouldBeOfType<PasswordSignInResult.LockedOut>();
        locked.Until.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(4));
    }

    [Fact]
    public async Task A_short_password_is_refused_with_the_rule()
    {
        var user = await database.NewAccountAsync("pw");
        var passwords = new PasswordSignIn(new AccountTable(database.DataSource), new PasswordSignInOptions(3, TimeSpan.FromMinutes(5)), TimeProvider.System);

        var failure = await Should.ThrowAsync<ArgumentException>(() => passwords.SetPasswordAsync(user, "short", Cancellation));
        failure.Message.ShouldContain($"{PasswordSignIn.MinimumLength}");
    }
}
