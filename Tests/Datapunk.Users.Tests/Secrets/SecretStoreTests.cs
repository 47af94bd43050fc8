using System.Text;
using Datapunk.Users.Secrets;

namespace Datapunk.Users.Tests.Secrets;

public sealed class SecretStoreTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secrets_round_trip_and_the_raw_table_holds_no_plaintext()
    {
        using var keys = new TempFolder();
        await using var silo = await SecretsSilo.StartAsync(keys.Path);
        var user = UsersDatabase.NewUserId("vault");
        var (plaintext, apiKey) = (RandomSecret(), RandomSecret());
        await silo.Store.PutAsync(user, "google/access_token", plaintext, Cancellation);
        await silo.Store.PutAsync(user, "spotify:api-key", apiKey, Cancellation);

        (await silo.Store.GetAsync(user, "google/access_token", Cancellation)).ShouldBe(plaintext);
        (await silo.Store.ListNamesAsync(user, Cancellation)).ShouldBe(["google/access_token", "spotify:api-key"]);

        var row = await UsersDatabase.ScalarAsync<string>("SELECT string_agg(s::text, '|') FROM user_data.secrets s WHERE user_id = $1", user);
        var ciphertexts = await UsersDatabase.ScalarAsync<byte[][]>("SELECT array_agg(ciphertext) FROM user_data.secrets WHERE user_id = $1", user);
        const int Window = 6;
        foreach (var secret in new[] { plaintext, apiKey })
        {
            for (var start = 0; start + Window <= secret.Length; start++)
            {
                var piece = secret.Substring(start, Window);
                row.ShouldNotContain(piece, Case.Insensitive, $"the table's text holds '{piece}' of a secret");
                var bytes = Encoding.UTF8.GetBytes(piece);
                ciphertexts.Count(c => c.AsSpan().IndexOf(bytes) >= 0).ShouldBe(0, $"a ciphertext holds the bytes of '{piece}'");
            }
        }

        (await silo.Store.DeleteAsync(user, "spotify:api-key", Cancellation)).ShouldBeTrue();
        (await silo.Store.DeleteAsync(user, "spotify:api-key", Cancellation)).ShouldBeFalse();
        (await silo.Store.GetAsync(user, "spotify:api-key", Cancellation)).ShouldBeNull();
    }

    /// <summary>
    /// 40 letters from g to z: none is a hex digit, so a piece of the secret found in the row's
    /// text (where bytea shows as hex) is the secret, never a coincidence.
    /// </summary>
    private static string RandomSecret() =>
        new(Enumerable.Range(0, 40).Select(_ => (char)('g' + System.Security.Cryptography.RandomNumberGenerator.GetInt32(20))).ToArray());

    [Fact]
    public async Task Secrets_written_before_a_key_rotation_still_decrypt_and_new_ones_use_the_new_key()
    {
        using var keys = new TempFolder();
        await using var silo = await SecretsSilo.StartAsync(keys.Path);
        var user = UsersDatabase.NewUserId("rotate");
        await silo.Store.PutAsync(user, "before", "written with the first key", Cancellation);

        // What Data Protection does itself before the default key expires (every 90 days): a new
        // key, activated now; the old one is neither revoked nor removed.
        silo.Keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        // A silo started after the rotation, with the same key folder, encrypts with the new key and reads both.
        await using var restarted = await SecretsSilo.StartAsync(keys.Path);
        await restarted.Store.PutAsync(user, "after", "written with the second key", Cancellation);
        Directory.GetFiles(keys.Path, "key-*.xml").Length.ShouldBe(2);
        var keyIds = await UsersDatabase.ScalarAsync<byte[][]>("SELECT array_agg(substr(ciphertext, 5, 16) ORDER BY name) FROM user_data.secrets WHERE user_id = $1", user);
        keyIds[0].ShouldNotBe(keyIds[1], "the secret written after the rotation should name the new key");
        (await restarted.Store.GetAsync(user, "before", Cancellation)).ShouldBe("written with the first key");
        (await restarted.Store.GetAsync(user, "after", Cancellation)).ShouldBe("written with the second key");
    }

    [Fact]
    public async Task A_ciphertext_moved_to_another_user_or_name_does_not_decrypt()
    {
        using var keys = new TempFolder();
        await using var silo = await SecretsSilo.StartAsync(keys.Path);
        var (owner, thief) = (UsersDatabase.NewUserId("owner"), UsersDatabase.NewUserId("thief"));
        await silo.Store.PutAsync(owner, "token", "the owner's token", Cancellation);
        await UsersDatabase.ScalarAsync<string>("""
            INSERT INTO user_data.secrets (user_id, name, ciphertext)
            SELECT $2, name, ciphertext FROM user_data.secrets WHERE user_id = $1 AND name = 'token'
            UNION ALL SELECT user_id, 'renamed', ciphertext FROM user_data.secrets WHERE user_id = $1 AND name = 'token'
            RETURNING name
            """, owner, thief);

        var moved = await Should.ThrowAsync<SecretUnreadableException>(() => silo.Store.GetAsync(thief, "token", Cancellation));
        moved.Message.ShouldContain($"Secret 'token' of user '{thief}' cannot be decrypted");
        await Should.ThrowAsync<SecretUnreadableException>(() => silo.Store.GetAsync(owner, "renamed", Cancellation));
        (await silo.Store.GetAsync(owner, "token", Cancellation)).ShouldBe("the owner's token");
    }

    [Fact]
    public async Task A_silo_with_another_key_folder_cannot_read_the_secrets()
    {
        using var keys = new TempFolder();
        using var otherKeys = new TempFolder();
        await using var silo = await SecretsSilo.StartAsync(keys.Path);
        await using var stranger = await SecretsSilo.StartAsync(otherKeys.Path);
        var user = UsersDatabase.NewUserId("keys");
        await silo.Store.PutAsync(user, "token", "only for the right key ring", Cancellation);

        var refused = await Should.ThrowAsync<SecretUnreadableException>(() => stranger.Store.GetAsync(user, "token", Cancellation));
        refused.Message.ShouldContain("DataProtection:KeysPath");
    }

    [Fact]
    public async Task A_user_never_sees_another_users_secrets_and_bad_names_are_refused()
    {
        using var keys = new TempFolder();
        await using var silo = await SecretsSilo.StartAsync(keys.Path);
        var (alice, bob) = (UsersDatabase.NewUserId("alice"), UsersDatabase.NewUserId("bob"));
        await silo.Store.PutAsync(alice, "token", "alice's token", Cancellation);

        (await silo.Store.ListNamesAsync(bob, Cancellation)).ShouldBeEmpty();
        (await silo.Store.GetAsync(bob, "token", Cancellation)).ShouldBeNull();
        (await silo.Store.DeleteAsync(bob, "token", Cancellation)).ShouldBeFalse();
        (await UsersDatabase.ScalarAsUserAsync<long>(bob, "SELECT count(*) FROM user_data.secrets")).ShouldBe(0);
        (await Should.ThrowAsync<ArgumentException>(() => silo.Store.PutAsync(alice, "../etc", "x", Cancellation))).Message.ShouldContain("not a valid secret name");
    }
}
