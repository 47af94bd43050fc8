using Datapunk.Lake.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Datapunk.Grains.Tests.Forge;

/// <summary>
/// The model grain on a real in-process cluster: its owner trains a model and gets its places; another
/// member, an administrator or a caller without a name reaches none of its methods (the personal-data call filter).
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ModelGrainTests(GrainClusterFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_owner_trains_a_model_and_reads_it_and_nobody_else_reaches_it()
    {
        var owner = $"forge-{Guid.NewGuid():N}"[..20];
        CallerContext.Set(owner, AccountRoles.Member);
        var model = fixture.Grains.GetGrain<IModelGrain>(ModelKeys.Of(owner, ModelKinds.Places));

        (await model.TrainAsync("on demand")).Training.ShouldBeTrue("the run was asked for");
        var trained = await Poll.UntilAsync(
            token => model.GetAsync(token), overview => overview.Promoted is not null && !overview.Training,
            "the places model to be trained", overview => $"{overview?.Versions.Count} versions", TimeSpan.FromSeconds(60), Cancellation);
        trained.Versions.ShouldHaveSingleItem().Reason.ShouldBe("on demand");
        (await fixture.Grains.GetGrain<IPlacesModel>(ModelKeys.Of(owner, ModelKinds.Places)).ListPlacesAsync(Cancellation)).Places.ShouldBeEmpty("no fixes, no places");

        foreach (var (caller, role) in new[] { ($"other-{Guid.NewGuid():N}"[..20], AccountRoles.Member), ($"admin-{Guid.NewGuid():N}"[..20], AccountRoles.Admin) })
        {
            CallerContext.Set(caller, role);
            await Should.ThrowAsync<PersonalDataAccessDeniedException>(() => model.GetAsync(Cancellation));
            await Should.ThrowAsync<PersonalDataAccessDeniedException>(() => model.TrainAsync("not mine"));
            await Should.ThrowAsync<PersonalDataAccessDeniedException>(model.RollbackAsync);
            await Should.ThrowAsync<PersonalDataAccessDeniedException>(
                () => fixture.Grains.GetGrain<IPlacesModel>(ModelKeys.Of(owner, ModelKinds.Places)).RenamePlaceAsync(Guid.NewGuid(), "mine"));
            await Should.ThrowAsync<PersonalDataAccessDeniedException>(
                () => fixture.Grains.GetGrain<IAnomaliesModel>(ModelKeys.Of(owner, ModelKinds.Anomalies)).ListAnomaliesAsync(DateOnly.MinValue, DateOnly.MaxValue, Cancellation));
        }

        CallerContext.Clear();
        await Should.ThrowAsync<PersonalDataAccessDeniedException>(() => model.GetAsync(Cancellation));
    }

    [Fact]
    public async Task Training_waits_for_the_imports_running_in_its_silo_and_runs_when_they_end()
    {
        var owner = $"yield-{Guid.NewGuid():N}"[..20];
        CallerContext.Set(owner, AccountRoles.Member);
        var model = fixture.Grains.GetGrain<IModelGrain>(ModelKeys.Of(owner, ModelKinds.Places));
        var imports = fixture.Cluster.Primary.ShouldBeOfType<InProcessSiloHandle>().SiloHost.Services.GetRequiredService<ImportActivity>();

        // Another user's import runs in the silo (the grain tests' cluster has one).
        var import = imports.Enter();
        try
        {
            (await model.TrainAsync("after an import")).Training.ShouldBeTrue();
            await Task.Delay(TimeSpan.FromSeconds(3), Cancellation);
            var waiting = await model.GetAsync(Cancellation);
            waiting.Versions.ShouldBeEmpty("the run has not started while the import runs: no version was taken");
            waiting.Training.ShouldBeTrue();
        }
        finally
        {
            import.Dispose();
        }

        var trained = await Poll.UntilAsync(
            token => model.GetAsync(token), overview => overview.Promoted is not null && !overview.Training,
            "the places model to be trained once the import ended", overview => $"{overview?.Versions.Count} versions", TimeSpan.FromSeconds(60), Cancellation);
        trained.Versions.ShouldHaveSingleItem().Reason.ShouldBe("after an import");
        CallerContext.Clear();
    }
}
