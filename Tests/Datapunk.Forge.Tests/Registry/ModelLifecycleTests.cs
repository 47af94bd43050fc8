using Datapunk.Forge.Places;
using Datapunk.Forge.Registry;
using Datapunk.Forge.Tests.Places;

namespace Datapunk.Forge.Tests.Registry;

/// <summary>Versions in the registry: every run makes one, the newest is promoted, rollback serves the one before, and a superseded run stores nothing.</summary>
public sealed class ModelLifecycleTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rollback_serves_the_previous_version_again_and_promotion_the_newer_one()
    {
        var (models, user) = await PlaceEditsTests.PersonAsync(weeks: 2);
        var first = await models.Places.ListAsync(user, Cancellation);
        var tuesday = new DateTimeOffset(SyntheticPerson.FirstDay.AddDays(1).ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
        await ForgeDatabase.InsertVisitAsync(user, "Fitness First", SyntheticPerson.Gym, tuesday, tuesday.AddMinutes(90), Cancellation);
        var second = await models.TrainAsync(user, ModelKinds.Places, Cancellation);

        SignificantPlacesTests.At(await models.Places.ListAsync(user, Cancellation), SyntheticPerson.Gym).Name.ShouldBe("Fitness First");
        var back = await models.Registry.RollbackAsync(user, ModelKinds.Places, PlacesService.CatchUpAsync, Cancellation);

        back.ShouldBe(first.Version!.Value);
        var restored = await models.Places.ListAsync(user, Cancellation);
        restored.Version.ShouldBe(first.Version);
        restored.Places.ShouldBe(first.Places, "the first version's places, as they were");
        var versions = await models.Registry.ListAsync(user, ModelKinds.Places, Cancellation);
        versions.Select(version => (version.Version, version.Status)).ShouldBe([(second, ModelStatuses.Retired), (back, ModelStatuses.Promoted)]);
        versions.ShouldAllBe(version => version.Metrics["places"] == 3 && version.Parameters["cluster_radius_m"] == 150 && version.DataFrom != null);

        await models.Registry.PromoteAsync(user, ModelKinds.Places, second, PlacesService.CatchUpAsync, Cancellation);
        SignificantPlacesTests.At(await models.Places.ListAsync(user, Cancellation), SyntheticPerson.Gym).Name.ShouldBe("Fitness First");
        (await models.PromotedAsync(user, ModelKinds.Places, Cancellation)).ShouldBe(second);
    }

    [Fact]
    public async Task A_run_superseded_by_a_newer_one_can_neither_store_nor_promote_its_version()
    {
        var (models, user) = await PlaceEditsTests.PersonAsync(weeks: 1);
        var served = await models.PromotedAsync(user, ModelKinds.Places, Cancellation);
        var stale = await models.Registry.StartRunAsync(user, ModelKinds.Places, "test", "silo-a", new Dictionary<string, double>(), Cancellation);
        var fresh = await models.TrainAsync(user, ModelKinds.Places, Cancellation);

        var trained = await new Datapunk.Forge.Places.PlacesTrainer(ForgeDatabase.Test.DataSource, new GazetteerPlaceNames(new Datapunk.Lake.Reading.NoPlaceNames()))
            .TrainAsync(new Datapunk.Forge.Training.TrainingRequest(user, SyntheticPerson.TimeZone), Cancellation);
        await Should.ThrowAsync<ModelRunSupersededException>(() => models.Registry.CompleteAsync(user, ModelKinds.Places, stale, trained, Cancellation));

        var versions = await models.Registry.ListAsync(user, ModelKinds.Places, Cancellation);
        versions.Single(version => version.Version == stale).Status.ShouldBe(ModelStatuses.Failed);
        versions.Single(version => version.Version == stale).Error.ShouldNotBeNull().ShouldStartWith("abandoned");
        versions.Single(version => version.Version == fresh).Status.ShouldBe(ModelStatuses.Promoted);
        served.ShouldNotBe(fresh);
        (await ForgeDatabase.Test.ScalarAsync<long>(
            "SELECT count(*) FROM analytics.places WHERE user_id = @user AND version = @version", new Dictionary<string, object> { ["user"] = user, ["version"] = stale }, Cancellation))
            .ShouldBe(0, "the stale run stored no places");
    }

    [Fact]
    public async Task Promoting_a_failed_or_unknown_version_or_rolling_back_past_the_first_is_refused()
    {
        var (models, user) = await PlaceEditsTests.PersonAsync(weeks: 1);
        var failed = await models.Registry.StartRunAsync(user, ModelKinds.Places, "test", "silo-a", new Dictionary<string, double>(), Cancellation);
        await models.Registry.FailAsync(user, ModelKinds.Places, failed, "broken on purpose", Cancellation);

        (await Should.ThrowAsync<ModelLifecycleException>(() => models.Registry.PromoteAsync(user, ModelKinds.Places, failed, null, Cancellation)))
            .Message.ShouldContain("is failed");
        (await Should.ThrowAsync<ModelLifecycleException>(() => models.Registry.PromoteAsync(user, ModelKinds.Places, 999, null, Cancellation)))
            .Message.ShouldContain("has no version 999");
        (await Should.ThrowAsync<ModelLifecycleException>(() => models.Registry.RollbackAsync(user, ModelKinds.Places, null, Cancellation)))
            .Message.ShouldContain("no earlier promoted version");
    }

    [Fact]
    public async Task Row_level_security_keeps_each_users_registry_and_outputs_to_that_user()
    {
        var (_, owner) = await PlaceEditsTests.PersonAsync(weeks: 1);
        var other = ForgeDatabase.NewUserId("other");
        await using var connection = await ForgeDatabase.Test.DataSource.OpenConnectionAsync(Cancellation);
        await using var transaction = await Datapunk.Lake.Storage.UserDataScope.BeginAsync(connection, other, Cancellation);
        foreach (var table in new[] { "model_slots", "model_versions", "places", "place_stays" })
        {
            await using var command = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM analytics.{table} WHERE user_id = $1", connection, transaction);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = owner });
            ((long)(await command.ExecuteScalarAsync(Cancellation))!).ShouldBe(0, $"analytics.{table} shows {other} nothing of {owner}");
        }
    }
}
