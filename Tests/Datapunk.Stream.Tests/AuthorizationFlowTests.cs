using System.Text;
using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Datapunk.Streams.Tests;

/// <summary>
/// The authorization-code flow with PKCE against the fake Spotify accounts service: a connection is made
/// only by a callback whose state is known, unused and unexpired and whose code the provider accepts
/// with the verifier; the tokens are stored encrypted.
/// </summary>
public sealed class AuthorizationFlowTests : SpotifyEngineTest
{
    [Fact]
    public async Task The_authorize_url_asks_for_a_code_with_an_S256_challenge_and_a_state()
    {
        var url = await Engine.Get<ConnectionAuthorizer>().BeginAsync(StreamDatabase.NewUserId("flow"), "spotify", Authorizations.Callback, Cancel);

        var query = QueryHelpers.ParseQuery(url.Query);
        url.GetLeftPart(UriPartial.Path).ShouldBe(Spotify.AuthorizeEndpoint.ToString());
        query["response_type"].ToString().ShouldBe("code");
        query["client_id"].ToString().ShouldBe(Spotify.ClientId);
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().Length.ShouldBe(43, "base64url of a SHA-256");
        query["state"].ToString().Length.ShouldBeGreaterThanOrEqualTo(43, "256 random bits");
        query["redirect_uri"].ToString().ShouldBe(Authorizations.Callback.ToString());
    }

    [Fact]
    public async Task A_completed_authorization_stores_the_connection_and_encrypted_tokens()
    {
        var userId = StreamDatabase.NewUserId("flow");
        Spotify.AddAccount("alice.s", "Alice");

        var row = await Authorizations.ConnectAsync(Engine, Spotify, userId, "alice.s");

        row.Key.ShouldBe(new ConnectionKey(userId, "spotify", "alice.s"));
        row.DisplayName.ShouldBe("Alice");
        row.Status.ShouldBe(ConnectionStates.Connected);
        Spotify.CodeExchanges.ShouldBe(1);
        var stored = await Engine.Get<ConnectionTokenStore>().FindAsync(row.Key, Cancel);
        stored.ShouldNotBeNull().RefreshToken.ShouldNotBeNull();
        var ciphertext = await UserRows.ScalarAsync<byte[]>(userId, "SELECT ciphertext FROM user_data.secrets WHERE user_id = $1", userId);
        Encoding.UTF8.GetString(ciphertext).ShouldNotContain(stored.AccessToken, Case.Sensitive, "tokens are encrypted at rest");
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.pending_authorizations WHERE user_id = $1", userId))
            .ShouldBe(0, "the state was consumed");
        (await UserRows.ScalarAsync<string>(userId, "SELECT status FROM imports.jobs WHERE import_id = $1", row.ImportId))
            .ShouldBe("Streaming", "the connection's lineage job exists");
    }

    [Fact]
    public async Task A_reused_state_is_refused_and_stores_nothing_more()
    {
        var userId = StreamDatabase.NewUserId("flow");
        Spotify.AddAccount("bob", "Bob");
        Spotify.SignedInAccount = "bob";
        var authorizer = Engine.Get<ConnectionAuthorizer>();
        var (code, state, _) = await Authorizations.FollowAsync(await authorizer.BeginAsync(userId, "spotify", Authorizations.Callback, Cancel));
        await authorizer.CompleteAsync(state, code, null, Authorizations.Callback, Cancel);

        var refused = await Should.ThrowAsync<AuthorizationRefusedException>(() => authorizer.CompleteAsync(state, code, null, Authorizations.Callback, Cancel));

        refused.Message.ShouldContain("unknown or was used");
        Spotify.CodeExchanges.ShouldBe(1, "the second callback never reached the token endpoint");
    }

    [Fact]
    public async Task A_wrong_state_is_refused_and_nothing_is_stored()
    {
        var userId = StreamDatabase.NewUserId("flow");
        Spotify.AddAccount("carol", "Carol");
        Spotify.SignedInAccount = "carol";
        var authorizer = Engine.Get<ConnectionAuthorizer>();
        var (code, _, _) = await Authorizations.FollowAsync(await authorizer.BeginAsync(userId, "spotify", Authorizations.Callback, Cancel));

        await Should.ThrowAsync<AuthorizationRefusedException>(() => authorizer.CompleteAsync("forged-state", code, null, Authorizations.Callback, Cancel));
        await Should.ThrowAsync<AuthorizationRefusedException>(() => authorizer.CompleteAsync(null, code, null, Authorizations.Callback, Cancel));

        Spotify.CodeExchanges.ShouldBe(0);
        (await Engine.Get<ConnectionsTable>().ListAsync(userId, Cancel)).ShouldBeEmpty();
        (await UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.secrets WHERE user_id = $1", userId)).ShouldBe(0);
    }

    [Fact]
    public async Task An_expired_state_is_refused_and_consumed()
    {
        var userId = StreamDatabase.NewUserId("flow");
        Spotify.AddAccount("dave", "Dave");
        Spotify.SignedInAccount = "dave";
        // An authorization begun eleven minutes ago (the lifetime is ten).
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - PendingAuthorizations.Lifetime - TimeSpan.FromMinutes(1));
        var earlier = new PendingAuthorizations(await StreamDatabase.SiloLoginAsync(), Engine.Get<IDataProtectionProvider>(), past);
        var (state, _) = await earlier.BeginAsync(userId, "spotify", Cancel);

        var refused = await Should.ThrowAsync<AuthorizationRefusedException>(
            () => Engine.Get<ConnectionAuthorizer>().CompleteAsync(state, "any-code", null, Authorizations.Callback, Cancel));

        refused.Message.ShouldContain("expired");
        await Should.ThrowAsync<AuthorizationRefusedException>(
            () => Engine.Get<ConnectionAuthorizer>().CompleteAsync(state, "any-code", null, Authorizations.Callback, Cancel));
        Spotify.CodeExchanges.ShouldBe(0);
        (await Engine.Get<ConnectionsTable>().ListAsync(userId, Cancel)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_user_who_denies_access_at_the_provider_gets_no_connection()
    {
        var userId = StreamDatabase.NewUserId("flow");
        Spotify.SignedInAccount = null;
        var authorizer = Engine.Get<ConnectionAuthorizer>();
        var (code, state, error) = await Authorizations.FollowAsync(await authorizer.BeginAsync(userId, "spotify", Authorizations.Callback, Cancel));

        error.ShouldBe("access_denied");
        var refused = await Should.ThrowAsync<AuthorizationRefusedException>(() => authorizer.CompleteAsync(state, code, error, Authorizations.Callback, Cancel));
        refused.Message.ShouldContain("access_denied");
        (await Engine.Get<ConnectionsTable>().ListAsync(userId, Cancel)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_pending_authorization_keeps_only_a_hash_of_the_state_and_an_encrypted_verifier()
    {
        var userId = StreamDatabase.NewUserId("flow");
        var url = await Engine.Get<ConnectionAuthorizer>().BeginAsync(userId, "spotify", Authorizations.Callback, Cancel);
        var state = QueryHelpers.ParseQuery(url.Query)["state"].ToString();

        var storedHash = await UserRows.ScalarAsync<byte[]>(userId, "SELECT state_hash FROM user_data.pending_authorizations WHERE user_id = $1", userId);
        var verifier = await UserRows.ScalarAsync<byte[]>(userId, "SELECT verifier FROM user_data.pending_authorizations WHERE user_id = $1", userId);

        storedHash.ShouldBe(Pkce.HashOfState(state));
        Encoding.ASCII.GetString(verifier).ShouldNotContain(state);
        verifier.Length.ShouldBeGreaterThan(86, "the 86-character verifier is stored encrypted, with Data Protection's header");
        await using var other = await (await StreamDatabase.SiloLoginAsync()).OpenConnectionAsync(Cancel);
        await using var anyone = new NpgsqlCommand("SELECT count(*) FROM user_data.pending_authorizations", other);
        ((long)(await anyone.ExecuteScalarAsync(Cancel))!).ShouldBe(0, "outside the user's scope the silo login sees no pending authorization");
    }
}
