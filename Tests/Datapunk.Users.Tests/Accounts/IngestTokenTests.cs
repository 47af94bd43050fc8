using Datapunk.Silo.Auth;
using Datapunk.Users.Tokens;

namespace Datapunk.Users.Tests.Accounts;

/// <summary>Ingest tokens against the real tables: shown once, stored hashed, revocable, never taken for a personal access token or the reverse.</summary>
[Collection(AccountsDatabaseCollection.Name)]
public sealed class IngestTokenTests(AccountsDatabase database)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_issued_ingest_token_validates_until_revoked_and_only_its_hash_is_stored()
    {
        var user = await database.NewAccountAsync("ing");
        var tokens = new IngestTokenTable(database.DataSource, TimeProvider.System);

        var issued = await tokens.IssueAsync(user, "pixel", Cancellation);
        issued.Text.ShouldStartWith(IngestTokenText.Prefix);
        (await tokens.ValidateAsync(issued.Text, Cancellation)).ShouldNotBeNull().UserId.ShouldBe(user);
        IngestTokenText.TryParse(issued.Text, out _, out var secret).ShouldBeTrue();
        await using (var command = database.DataSource.CreateCommand(
            $"SELECT count(*) FROM auth.ingest_tokens WHERE user_id = '{user}' AND (encode(secret_hash, 'escape') LIKE '%{secret}%' OR name LIKE '%{secret}%')"))
        {
            ((long)(await command.ExecuteScalarAsync(Cancellation))!).ShouldBe(0, "the secret must not be stored");
        }

        var tampered = issued.Text[..^4] + (issued.Text.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        (await tokens.ValidateAsync(tampered, Cancellation)).ShouldBeNull();
        (await tokens.RevokeAsync(user, issued.Token.TokenId, Cancellation)).ShouldBeTrue();
        (await tokens.ValidateAsync(issued.Text, Cancellation)).ShouldBeNull();
        (await tokens.ListAsync(user, Cancellation)).ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_ingest_token_and_a_personal_access_token_are_never_taken_for_each_other()
    {
        var user = await database.NewAccountAsync("ing");
        var ingest = new IngestTokenTable(database.DataSource, TimeProvider.System);
        var access = new AccessTokenTable(database.DataSource, TimeProvider.System);
        var ingestToken = await ingest.IssueAsync(user, "pixel", Cancellation);
        var accessToken = await access.IssueAsync(user, "laptop", [AccessScopes.Write], null, Cancellation);

        (await access.ValidateAsync(ingestToken.Text, Cancellation)).ShouldBeNull("an ingest token is not a personal access token");
        (await access.ValidateAsync(AccessTokenText.Prefix + ingestToken.Text[IngestTokenText.Prefix.Length..], Cancellation))
            .ShouldBeNull("nor with its prefix changed: it is another table");
        (await ingest.ValidateAsync(accessToken.Text, Cancellation)).ShouldBeNull();
        (await ingest.ValidateAsync(IngestTokenText.Prefix + accessToken.Text[AccessTokenText.Prefix.Length..], Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task A_user_cannot_revoke_or_list_another_users_ingest_tokens()
    {
        var owner = await database.NewAccountAsync("ing");
        var stranger = await database.NewAccountAsync("ing");
        var tokens = new IngestTokenTable(database.DataSource, TimeProvider.System);
        var issued = await tokens.IssueAsync(owner, "mine", Cancellation);

        (await tokens.RevokeAsync(stranger, issued.Token.TokenId, Cancellation)).ShouldBeFalse();
        (await tokens.ListAsync(stranger, Cancellation)).ShouldBeEmpty();
        (await tokens.ValidateAsync(issued.Text, Cancellation)).ShouldNotBeNull("the stranger's attempt changed nothing");
        await Should.ThrowAsync<ArgumentException>(() => tokens.IssueAsync(owner, " ", Cancellation));
    }
}
