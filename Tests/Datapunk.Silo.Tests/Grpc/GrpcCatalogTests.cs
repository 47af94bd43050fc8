using Datapunk.Silo.Tests.Infrastructure;
using Datapunk.Silo.Tests.Workbench;
using Grpc.Core;
using V1 = Datapunk.Silo.Grpc.V1;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>
/// The Catalog service over gRPC against the real silo: a refresh on demand fills the owner's catalog, whose datasets,
/// detail and lineage the owner reads; another user gets an empty catalog and NOT_FOUND for the owner's dataset, record and file.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcCatalogTests(SiloProcessFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task The_owner_reads_their_catalog_and_lineage_and_another_user_none_of_it()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var person = await WorkbenchPerson.SeedAsync("grpc");
        var owner = await scenario.AccountForAsync(person.UserId, Cancellation);
        var other = scenario.Other;
        var catalog = new V1.Catalog.CatalogClient(scenario.Channel);

        await catalog.RefreshAsync(new V1.RefreshCatalogRequest(), GrpcScenario.As(owner.Token));
        const string Notes = "records:google.takeout:keep_notes";
        await Poll.UntilAsync(
            async _ => await catalog.ListAsync(new V1.ListDatasetsRequest(), GrpcScenario.As(owner.Token)),
            overview => !overview.RefreshPending && overview.Datasets.Any(dataset => dataset.Id == Notes),
            "the refresh asked for over gRPC to fill the catalog",
            overview => overview?.ToString() ?? "nothing",
            TimeSpan.FromSeconds(90), Cancellation, TimeSpan.FromMilliseconds(500));
        var detail = await catalog.GetAsync(new V1.GetDatasetRequest { Dataset = Notes }, GrpcScenario.As(owner.Token));
        var fileLineage = await catalog.GetFileLineageAsync(new V1.FileLineageRequest { FileId = person.FileId }, GrpcScenario.As(owner.Token));
        var recordLineage = await catalog.GetRecordLineageAsync(new V1.RecordLineageRequest { Record = "keep_notes:n1" }, GrpcScenario.As(owner.Token));
        var othersList = await catalog.ListAsync(new V1.ListDatasetsRequest(), GrpcScenario.As(other.Token));
        var othersDataset = await Should.ThrowAsync<RpcException>(() => catalog.GetAsync(new V1.GetDatasetRequest { Dataset = Notes }, GrpcScenario.As(other.Token)).ResponseAsync);
        var othersFile = await Should.ThrowAsync<RpcException>(
            () => catalog.GetFileLineageAsync(new V1.FileLineageRequest { FileId = person.FileId }, GrpcScenario.As(other.Token)).ResponseAsync);
        var othersRecord = await Should.ThrowAsync<RpcException>(
            () => catalog.GetRecordLineageAsync(new V1.RecordLineageRequest { Record = "keep_notes:n1" }, GrpcScenario.As(other.Token)).ResponseAsync);
        var malformed = await Should.ThrowAsync<RpcException>(
            () => catalog.GetRecordLineageAsync(new V1.RecordLineageRequest { Record = "n1" }, GrpcScenario.As(owner.Token)).ResponseAsync);

        detail.Dataset.Id.ShouldBe(Notes);
        detail.Sources.Select(source => source.FileId).ShouldBe([person.FileId]);
        fileLineage.Edges.ShouldContain(edge => edge.To == $"dataset:{Notes}");
        recordLineage.Nodes.ShouldNotBeEmpty();
        othersList.Datasets.ShouldBeEmpty();
        othersDataset.StatusCode.ShouldBe(StatusCode.NotFound, othersDataset.ToString());
        othersFile.StatusCode.ShouldBe(StatusCode.NotFound, othersFile.ToString());
        othersRecord.StatusCode.ShouldBe(StatusCode.NotFound, othersRecord.ToString());
        malformed.StatusCode.ShouldBe(StatusCode.InvalidArgument, malformed.ToString());
        (await scenario.AuditEntryAsync(owner, "catalog.refresh", "/datapunk.v1.Catalog/Refresh", Cancellation)).ShouldNotBeNull();
        (await scenario.AuditEntryAsync(owner, "catalog.read", "/datapunk.v1.Catalog/GetFileLineage", Cancellation))!.RecordCount.ShouldBe(fileLineage.Nodes.Count);
        (await scenario.AuditEntryAsync(other, "catalog.read", "/datapunk.v1.Catalog/Get", Cancellation))!.Details["status"].ShouldBe("NotFound");
    }
}
