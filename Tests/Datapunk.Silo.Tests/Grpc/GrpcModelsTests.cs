using Datapunk.Silo.Tests.Infrastructure;
using Datapunk.Silo.Tests.Workbench;
using Grpc.Core;
using V1 = Datapunk.Silo.Grpc.V1;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>
/// The Models and Anomalies services over gRPC against the real silo: the owner's promoted versions and flagged days
/// (written as the trainers store them), none of them for another user, a refused promotion FAILED_PRECONDITION as REST's 409.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcModelsTests(SiloProcessFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task The_owner_sees_their_versions_and_unusual_days_and_another_user_none()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var person = await WorkbenchPerson.SeedAsync("grpc");
        await FlagDayAsync(person.UserId, person.Marker);
        var owner = await scenario.AccountForAsync(person.UserId, Cancellation);
        var other = scenario.Other;
        var models = new V1.Models.ModelsClient(scenario.Channel);
        var anomalies = new V1.Anomalies.AnomaliesClient(scenario.Channel);
        var may = new V1.ListAnomaliesRequest { From = "2024-05-01", To = "2024-05-31" };

        var listed = await models.ListAsync(new V1.ListModelsRequest(), GrpcScenario.As(owner.Token));
        var othersListed = await models.ListAsync(new V1.ListModelsRequest(), GrpcScenario.As(other.Token));
        var places = await models.GetAsync(new V1.ModelRequest { Kind = "places" }, GrpcScenario.As(owner.Token));
        var othersPromote = await Should.ThrowAsync<RpcException>(
            () => models.PromoteAsync(new V1.PromoteModelRequest { Kind = "places", Version = 1 }, GrpcScenario.As(other.Token)).ResponseAsync);
        var unknown = await Should.ThrowAsync<RpcException>(() => models.GetAsync(new V1.ModelRequest { Kind = "weather" }, GrpcScenario.As(owner.Token)).ResponseAsync);
        var days = await anomalies.ListAsync(may, GrpcScenario.As(owner.Token));
        var othersDays = await anomalies.ListAsync(may, GrpcScenario.As(other.Token));
        var backwards = await Should.ThrowAsync<RpcException>(
            () => anomalies.ListAsync(new V1.ListAnomaliesRequest { From = "2024-05-31", To = "2024-05-01" }, GrpcScenario.As(other.Token)).ResponseAsync);

        listed.Models.Select(model => model.Kind).ShouldBe(["places", "routines", "anomalies"]);
        listed.Models.Select(model => model.Promoted).ShouldBe([1, 0, 1]);
        othersListed.Models.SelectMany(model => model.Versions).ShouldBeEmpty();
        (places.Promoted, places.Versions.ShouldHaveSingleItem().Status).ShouldBe((1, "promoted"));
        othersPromote.StatusCode.ShouldBe(StatusCode.FailedPrecondition, othersPromote.ToString());
        unknown.StatusCode.ShouldBe(StatusCode.NotFound, unknown.ToString());
        var day = days.Days.ShouldHaveSingleItem();
        (days.Version, days.TimeZone, day.Date, day.Score).ShouldBe((1, "Europe/Berlin", "2024-05-02", 6.7));
        day.Reasons.ShouldHaveSingleItem().Text.ShouldBe($"travelled 24.5 km, 6.7× your usual 3.6 km ({person.Marker})");
        day.Features.Select(feature => (feature.Name, feature.HasValue)).ShouldBe([("distance_km", true), ("steps", false)], ignoreOrder: true);
        (othersDays.HasVersion, othersDays.Days.Count).ShouldBe((false, 0));
        backwards.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        backwards.Status.Detail.ShouldBe("to: The range ends before it starts.");
        (await scenario.AuditEntryAsync(owner, "models.read", "/datapunk.v1.Models/List", Cancellation))!.RecordCount.ShouldBe(2);
        (await scenario.AuditEntryAsync(owner, "anomalies.read", "/datapunk.v1.Anomalies/List", Cancellation))!.RecordCount.ShouldBe(1);
        (await scenario.AuditEntryAsync(other, "models.change", "/datapunk.v1.Models/Promote", Cancellation))!.Details["status"].ShouldBe("FailedPrecondition");
    }

    /// <summary>A promoted version 1 of the anomalies model that flagged 2024-05-02, stored as its trainer stores it.</summary>
    private static async Task FlagDayAsync(string userId, string marker)
    {
        var owner = await WorkbenchEngine.OwnerAsync();
        await WorkbenchPerson.ExecuteAsync(owner, """
            INSERT INTO analytics.model_versions (user_id, kind, version, status, reason, trained_by) VALUES ($1, 'anomalies', 1, 'promoted', 'test', 'test');
            """, userId);
        await WorkbenchPerson.ExecuteAsync(owner, """
            INSERT INTO analytics.day_features (user_id, version, day, time_zone, features, score, reasons) VALUES
              ($1, 1, '2024-05-02', 'Europe/Berlin', '{"distance_km": 24.5, "steps": null}', 6.7,
               jsonb_build_array(jsonb_build_object('feature', 'distance_km', 'value', 24.5, 'usual', 3.6, 'score', 6.7,
                                                    'text', 'travelled 24.5 km, 6.7× your usual 3.6 km (' || $2 || ')'))),
              ($1, 1, '2024-05-03', 'Europe/Berlin', '{"distance_km": 3.5, "steps": 4000}', NULL, NULL)
            """, userId, marker);
    }
}
