using System.Text.Json;
using Datapunk.Silo.Tests.Infrastructure;
using Datapunk.Silo.Tests.Workbench;
using Grpc.Core;
using V1 = Datapunk.Silo.Grpc.V1;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>
/// The Workbench service over gRPC against the real silo: a query over the caller's own views, masked unless asked
/// otherwise (audited apart), PostgreSQL's error in the trailers, the plan, history and saved queries; another user
/// sees none of the owner's rows, history or saved queries.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcWorkbenchTests(SiloProcessFixture silo)
{
    private const string Emails = "SELECT subject, sender FROM emails";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task A_query_answers_the_callers_rows_alone_and_is_audited_as_rest_audits_it()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var (person, stranger) = (await WorkbenchPerson.SeedAsync("grpc"), await WorkbenchPerson.SeedAsync("grpc"));
        var owner = await scenario.AccountForAsync(person.UserId, Cancellation);
        var other = await scenario.AccountForAsync(stranger.UserId, Cancellation);
        var workbench = new V1.Workbench.WorkbenchClient(scenario.Channel);

        var unmasked = await workbench.RunAsync(new V1.SqlRequest { Sql = Emails, Unmasked = true }, GrpcScenario.As(owner.Token));
        var masked = await workbench.RunAsync(new V1.SqlRequest { Sql = Emails }, GrpcScenario.As(owner.Token));
        var others = await workbench.RunAsync(new V1.SqlRequest { Sql = Emails, Unmasked = true }, GrpcScenario.As(other.Token));
        var failed = await Should.ThrowAsync<RpcException>(
            () => workbench.RunAsync(new V1.SqlRequest { Sql = "SELECT subject FROM emails WHERE nosuch" }, GrpcScenario.As(owner.Token)).ResponseAsync);
        var plan = await workbench.ExplainAsync(new V1.SqlRequest { Sql = "SELECT count(*) FROM records" }, GrpcScenario.As(owner.Token));

        string.Join(", ", unmasked.Columns.Select(column => $"{column.Name}:{column.Type}")).ShouldBe("subject:text, sender:text");
        unmasked.Rows.ShouldBe([$"[\"Mail {person.Marker}\",\"{person.Marker}@example.org\"]"]);
        masked.Rows.ShouldHaveSingleItem().ShouldNotContain($"{person.Marker}@example.org", Case.Sensitive, "a result is masked unless the owner asks otherwise");
        others.Rows.ShouldBe([$"[\"Mail {stranger.Marker}\",\"{stranger.Marker}@example.org\"]"]);
        failed.StatusCode.ShouldBe(StatusCode.InvalidArgument, failed.ToString());
        failed.Status.Detail.ShouldBe("column \"nosuch\" does not exist");
        (failed.Trailers.GetValue("sql-state"), failed.Trailers.GetValue("sql-position")).ShouldBe(("42703", "34"));
        JsonDocument.Parse(plan.Plan).RootElement[0].GetProperty("Plan").GetProperty("Node Type").GetString().ShouldBe("Aggregate");
        (await scenario.AuditEntryAsync(owner, "sql.unmasked", "/datapunk.v1.Workbench/Run", Cancellation))!.RecordCount.ShouldBe(1);
        (await scenario.AuditEntryAsync(owner, "sql.read", "/datapunk.v1.Workbench/Explain", Cancellation)).ShouldNotBeNull();
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task History_and_saved_queries_are_the_callers_alone()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var owner = await scenario.AccountForAsync((await WorkbenchPerson.SeedAsync("grpc")).UserId, Cancellation);
        var other = await scenario.AccountForAsync((await WorkbenchPerson.SeedAsync("grpc")).UserId, Cancellation);
        var workbench = new V1.Workbench.WorkbenchClient(scenario.Channel);

        await workbench.RunAsync(new V1.SqlRequest { Sql = Emails }, GrpcScenario.As(owner.Token));
        var saved = await workbench.SaveAsync(new V1.SaveSqlRequest { Name = " my mail ", Sql = Emails }, GrpcScenario.As(owner.Token));
        var othersHistory = await workbench.GetHistoryAsync(new V1.SqlHistoryRequest(), GrpcScenario.As(other.Token));
        var othersSaved = await workbench.ListSavedAsync(new V1.ListSavedSqlRequest(), GrpcScenario.As(other.Token));
        var othersDelete = await Should.ThrowAsync<RpcException>(
            () => workbench.DeleteSavedAsync(new V1.DeleteSavedSqlRequest { Id = saved.Id }, GrpcScenario.As(other.Token)).ResponseAsync);
        var unnamed = await Should.ThrowAsync<RpcException>(() => workbench.SaveAsync(new V1.SaveSqlRequest { Sql = Emails }, GrpcScenario.As(owner.Token)).ResponseAsync);
        var tooMany = await Should.ThrowAsync<RpcException>(() => workbench.GetHistoryAsync(new V1.SqlHistoryRequest { Limit = 201 }, GrpcScenario.As(owner.Token)).ResponseAsync);
        var listed = await workbench.ListSavedAsync(new V1.ListSavedSqlRequest(), GrpcScenario.As(owner.Token));
        var history = await workbench.GetHistoryAsync(new V1.SqlHistoryRequest { Limit = 10 }, GrpcScenario.As(owner.Token));
        await workbench.DeleteSavedAsync(new V1.DeleteSavedSqlRequest { Id = saved.Id }, GrpcScenario.As(owner.Token));

        othersHistory.Entries.ShouldBeEmpty();
        othersSaved.Queries.ShouldBeEmpty();
        othersDelete.StatusCode.ShouldBe(StatusCode.NotFound, othersDelete.ToString());
        unnamed.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        unnamed.Status.Detail.ShouldBe("name: Give the query a name of 1-200 characters.");
        tooMany.Status.Detail.ShouldBe("limit: limit must be 1-200.");
        listed.Queries.Select(query => (query.Id, query.Name)).ShouldBe([(saved.Id, "my mail")]);
        history.Entries.Select(entry => entry.Sql).ShouldBe([Emails]);
        (await workbench.ListSavedAsync(new V1.ListSavedSqlRequest(), GrpcScenario.As(owner.Token))).Queries.ShouldBeEmpty();
        (await scenario.AuditEntryAsync(owner, "sql.change", "/datapunk.v1.Workbench/DeleteSaved", Cancellation))!.RecordCount.ShouldBe(1);
        (await scenario.AuditEntryAsync(other, "sql.change", "/datapunk.v1.Workbench/DeleteSaved", Cancellation))!.Details["status"].ShouldBe("NotFound");
    }
}
