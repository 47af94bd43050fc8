namespace Datapunk.Grains.Tests.Users;

/// <summary>
/// The silo's incoming call filter on a real in-process cluster: a user's grain answers its owner, an
/// administrator only for account management, nobody without a caller, and grain-to-grain calls of
/// a checked flow pass.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class PersonalDataCallFilterTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_call_without_a_caller_is_refused()
    {
        var name = await CreateUserAsync();
        CallerContext.Clear();

        await Should.ThrowAsync<PersonalDataAccessDeniedException>(() => fixture.Grains.GetGrain<IUserGrain>(name).GetProfileAsync());
    }

    [Fact]
    public async Task Another_member_cannot_read_or_change_the_users_data()
    {
        var name = await CreateUserAsync();
        CallerContext.Set(NewUserName(), AccountRoles.Member);
        var user = fixture.Grains.GetGrain<IUserGrain>(name);

        var read = await Should.ThrowAsync<PersonalDataAccessDeniedException>(user.GetProfileAsync);
        await Should.ThrowAsync<PersonalDataAccessDeniedException>(() => user.UpdateProfileAsync(new UpdateUserProfile("Mallory", null)));
        await Should.ThrowAsync<PersonalDataAccessDeniedException>(user.ListImportsAsync);
        read.Message.ShouldContain(name);
    }

    [Fact]
    public async Task An_administrator_may_manage_the_account_but_not_reach_the_users_data()
    {
        var name = await CreateUserAsync();
        CallerContext.Set(NewUserName(), AccountRoles.Admin);
        var user = fixture.Grains.GetGrain<IUserGrain>(name);

        (await user.GetProfileAsync()).ShouldNotBeNull().UserName.ShouldBe(name);
        await Should.ThrowAsync<PersonalDataAccessDeniedException>(user.ListImportsAsync);
        await Should.ThrowAsync<PersonalDataAccessDeniedException>(() => user.UpdateProfileAsync(new UpdateUserProfile("Changed by an admin", null)));
    }

    [Fact]
    public async Task Another_users_import_job_is_refused_and_cannot_be_started_for_someone_else()
    {
        var victim = await CreateUserAsync();
        CallerContext.Set(victim, AccountRoles.Member);
        // An existing file inside the test silo's import root (what the import makes of it does not matter here).
        using var folder = new TempFolder();
        var takeout = folder.File("takeout.zip");
        await File.WriteAllBytesAsync(takeout, [], TestContext.Current.CancellationToken);
        var importId = await fixture.Grains.GetGrain<IUserGrain>(victim).StartImportAsync([takeout]);
        CallerContext.Set(NewUserName(), AccountRoles.Member);

        await Should.ThrowAsync<PersonalDataAccessDeniedException>(() => fixture.Grains.GetGrain<IImportJobGrain>(importId).GetStatusAsync());
        await Should.ThrowAsync<PersonalDataAccessDeniedException>(() => fixture.Grains.GetGrain<IImportJobGrain>(importId).CancelAsync());
        await Should.ThrowAsync<PersonalDataAccessDeniedException>(
            () => fixture.Grains.GetGrain<IImportJobGrain>(Guid.NewGuid()).StartAsync(StartImport.OfPaths(victim, ["/nonexistent/takeout.zip"])));
    }

    /// <summary>Creates a user as itself. The caller set in here does not flow back out (the request context is async-local).</summary>
    private async Task<string> CreateUserAsync()
    {
        var name = NewUserName();
        CallerContext.Set(name, AccountRoles.Member);
        await fixture.Grains.GetGrain<IUserGrain>(name).CreateAsync(new CreateUser("Owner of the data", null));
        return name;
    }

    private static string NewUserName() => $"u-{Guid.NewGuid():N}"[..20];
}
