using Datapunk.Silo.Auth;
using Datapunk.Users.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Datapunk.Users.Tests.Accounts;

/// <summary>Personal access tokens against the real tables: shown once, stored hashed, scoped, expiring, revocable.</summary>
[Collection(AccountsDatabaseCollection.Name)]
public sealed class AccessTokenTests(AccountsDatabase database)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_issued_token_validates_and_only_its_hash_is_stored()
    {
        var user = await database.NewAccountAsync("tok");
        var tokens = new AccessTokenTable(database.DataSource, TimeProvider.System);

        var issued = await tokens.IssueAsync(user, "laptop", [AccessScopes.Write], null, Cancellation);
        var valid = await tokens.ValidateAsync(issued.Text, Cancellation);

        valid.ShouldNotBeNull().UserId.ShouldBe(user);
        valid.Scopes.ShouldBe([AccessScopes.Write]);
        AccessTokenText.TryParse(issued.Text, out _, out var secret).ShouldBeTrue();
        await using var command = database.DataSource.CreateCommand(
            $"SELECT count(*) FROM auth.access_tokens WHERE user_id = '{user}' AND (encode(secret_hash, 'escape') LIKE '%{secret}%' OR name LIKE '%{secret}%')");
        ((long)(await command.ExecuteScalarAsync(Cancellation))!).ShouldBe(0, "the secret must not be stored");
    }

    [Fact]
    public async Task A_wrong_secret_a_revoked_token_and_an_expired_token_are_refused()
    {
        var user = await database.NewAccountAsync("tok");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new AccessTokenTable(database.DataSource, clock);
        var issued = await tokens.IssueAsync(user, "short-lived", [AccessScopes.Read], clock.GetUtcNow().AddHours(1), Cancellation);
        var other = await tokens.IssueAsync(user, "to revoke", [AccessScopes.Read], null, Cancellation);

        var tampered = issued.Text[..^4] + (issued.Text.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        (await tokens.ValidateAsync(tampered, Cancellation)).ShouldBeNull();
        (await tokens.ValidateAsync("dpat_not-a-token", Cancellation)).ShouldBeNull();

        (await tokens.RevokeAsync(user, other.Token.TokenId, Cancellation)).ShouldBeTrue();
        (await tokens.ValidateAsync(other.Text, Cancellation)).ShouldBeNull();

        (await tokens.ValidateAsync(issued.Text, Cancellation)).ShouldNotBeNull();
        clock.Advance(TimeSpan.FromHours(2));
        (await tokens.ValidateAsync(issued.Text, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task A_user_cannot_revoke_or_list_another_users_tokens()
    {
        var owner = await database.NewAccountAsync("tok");
        var stranger = await database.NewAccountAsync("tok");
        var tokens = new AccessTokenTable(database.DataSource, TimeProvider.System);
        var issued = await tokens.IssueAsync(owner, "mine", [AccessScopes.Read], null, Cancellation);

        (await tokens.RevokeAsync(stranger, issued.Token.TokenId, Cancellation)).ShouldBeFalse();
        (await tokens.ListAsync(stranger, Cancellation)).ShouldBeEmpty();
        (await tokens.ValidateAsync(issued.Text, Cancellation)).ShouldNotBeNull();
    }
}
