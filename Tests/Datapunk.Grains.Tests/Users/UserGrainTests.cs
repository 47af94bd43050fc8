using System.Text.Json;

namespace Datapunk.Grains.Tests.Users;

/// <summary>The user grain on a real in-process cluster with its state in PostgreSQL.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class UserGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_created_user_reads_back_and_a_second_create_fails_with_the_contracts_exception()
    {
        var name = NewUserName();
        var user = fixture.Grains.GetGrain<IUserGrain>(name);

        var created = await user.CreateAsync(new CreateUser("Ada Lovelace", "ada@example.org"));
        created.UserName.ShouldBe(name);
        created.DisplayName.ShouldBe("Ada Lovelace");
        (await user.GetProfileAsync()).ShouldBe(created);

        var again = await Should.ThrowAsync<UserAlreadyExistsException>(() => user.CreateAsync(new CreateUser("Someone else", null)));
        again.Message.ShouldContain(name);
        (await user.GetProfileAsync())!.DisplayName.ShouldBe("Ada Lovelace", "a refused create must not change the profile");
    }

    [Fact]
    public async Task An_unknown_user_has_no_profile_and_cannot_be_updated_or_import()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>(NewUserName());

        (await user.GetProfileAsync()).ShouldBeNull();
        await Should.ThrowAsync<UserNotFoundException>(() => user.UpdateProfileAsync(new UpdateUserProfile("New Name", null)));
        await Should.ThrowAsync<UserNotFoundException>(() => user.StartImportAsync(["/tmp/takeout.zip"]));
    }

    [Fact]
    public async Task An_invalid_user_name_is_refused_with_the_rule()
    {
        var failure = await Should.ThrowAsync<ArgumentException>(() => fixture.Grains.GetGrain<IUserGrain>("Not Valid!").GetProfileAsync());
        failure.Message.ShouldContain(UserNames.Rule);
    }

    [Fact]
    public async Task The_profile_is_stored_as_plain_json_under_the_grain_types_own_state_name()
    {
        var name = NewUserName();
        var user = fixture.Grains.GetGrain<IUserGrain>(name);
        await user.CreateAsync(new CreateUser("Grace Hopper", null));
        await user.UpdateProfileAsync(new UpdateUserProfile("Rear Admiral Hopper", "grace@example.org"));

        var rows = await fixture.Database.QueryAsync(
            """
            SELECT grain_type, version, convert_from(payload, 'UTF8') FROM orleans.grain_state
            WHERE service_id = @service AND grain_id_extension = @name
            """,
            new Dictionary<string, object> { ["service"] = GrainClusterFixture.ServiceId, ["name"] = name },
            reader => (StateName: reader.GetString(0), Version: reader.GetInt32(1), Json: reader.GetString(2)),
            TestContext.Current.CancellationToken);

        var row = rows.ShouldHaveSingleItem("one storage row per user");
        row.StateName.ShouldBe("user-profile");
        row.Version.ShouldBe(2, "created, then updated once");
        row.Json.ShouldNotContain("$type", customMessage: "stored state must not name CLR types: a rename would orphan it");
        using var json = JsonDocument.Parse(row.Json);
        json.RootElement.GetProperty("DisplayName").GetString().ShouldBe("Rear Admiral Hopper");
        json.RootElement.GetProperty("Email").GetString().ShouldBe("grace@example.org");
    }

    private static string NewUserName() => $"u-{Guid.NewGuid():N}"[..20];
}
