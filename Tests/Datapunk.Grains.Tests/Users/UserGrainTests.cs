namespace Datapunk.Grains.Tests.Users;

/// <summary>The user grain on a real in-process cluster with its state in PostgreSQL.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class UserGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_created_user_reads_back_and_a_second_create_fails_with_the_contracts_exception()
    {
        var name = NewUserName();
        CallerContext.Set(name, AccountRoles.Member);
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
        var name = NewUserName();
        CallerContext.Set(name, AccountRoles.Member);
        var user = fixture.Grains.GetGrain<IUserGrain>(name);

        (await user.GetProfileAsync()).ShouldBeNull();
        await Should.ThrowAsync<UserNotFoundException>(() => user.UpdateProfileAsync(new UpdateUserProfile("New Name", null)));
        await Should.ThrowAsync<UserNotFoundException>(() => user.StartImportAsync(["/tmp/takeout.zip"]));
    }

    [Fact]
    public async Task An_invalid_user_name_is_refused_with_the_rule()
    {
        CallerContext.Set("Not Valid!", AccountRoles.Member);
        var failure = await Should.ThrowAsync<ArgumentException>(() => fixture.Grains.GetGrain<IUserGrain>("Not Valid!").GetProfileAsync());
        failure.Message.ShouldContain(UserNames.Rule);
    }

    [Fact]
    public async Task Grain_state_holds_only_operational_fields_and_the_profile_lives_in_its_row_level_secured_table()
    {
        var name = NewUserName();
        CallerContext.Set(name, AccountRoles.Member);
        var user = fixture.Grains.GetGrain<IUserGrain>(name);
        await user.CreateAsync(new CreateUser("Grace Hopper", null));
        await user.UpdateProfileAsync(new UpdateUserProfile("Rear Admiral Hopper", "grace@example.org", "America/New_York"));

        var rows = await fixture.Database.QueryAsync(
            """
            SELECT grain_type, convert_from(payload, 'UTF8') FROM orleans.grain_state
            WHERE service_id = @service AND grain_id_extension = @name
            """,
            new Dictionary<string, object> { ["service"] = GrainClusterFixture.ServiceId, ["name"] = name },
            reader => (StateName: reader.GetString(0), Json: reader.GetString(1)),
            TestContext.Current.CancellationToken);
        var row = rows.ShouldHaveSingleItem("one storage row per user");
        row.StateName.ShouldBe("user-profile");
        row.Json.ShouldNotContain("$type", customMessage: "stored state must not name CLR types: a rename would orphan it");
        row.Json.ShouldContain("CreatedAt");
        row.Json.ShouldNotContain("Hopper", customMessage: "personal data stays out of grain state");
        row.Json.ShouldNotContain("grace@example.org", customMessage: "personal data stays out of grain state");

        var profile = await fixture.Database.QueryAsync(
            "SELECT display_name, email, time_zone FROM user_data.profiles WHERE user_id = @name",
            new Dictionary<string, object> { ["name"] = name },
            reader => (reader.GetString(0), reader.GetString(1), reader.GetString(2)),
            TestContext.Current.CancellationToken);
        profile.ShouldHaveSingleItem().ShouldBe(("Rear Admiral Hopper", "grace@example.org", "America/New_York"));
        (await user.GetProfileAsync())!.TimeZone.ShouldBe("America/New_York");
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_with_its_name()
    {
        var name = NewUserName();
        CallerContext.Set(name, AccountRoles.Member);
        var user = fixture.Grains.GetGrain<IUserGrain>(name);
        await user.CreateAsync(new CreateUser("Zoned", null));

        var failure = await Should.ThrowAsync<ArgumentException>(() => user.UpdateProfileAsync(new UpdateUserProfile("Zoned", null, "Mars/Olympus_Mons")));
        failure.Message.ShouldContain("Mars/Olympus_Mons");
    }

    private static string NewUserName() => $"u-{Guid.NewGuid():N}"[..20];
}
