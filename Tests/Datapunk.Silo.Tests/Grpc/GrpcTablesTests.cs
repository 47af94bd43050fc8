using System.Text.Json;
using Datapunk.Client;
using Datapunk.Silo.Tests.Infrastructure;
using Grpc.Core;
using V1 = Datapunk.Silo.Grpc.V1;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>The Tables service over gRPC against the real silo: a tus upload previewed, stored, listed, read and deleted; another member reaches none of it.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcTablesTests(SiloProcessFixture silo) : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task An_upload_is_previewed_stored_read_and_deleted_by_its_owner_alone()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var tables = new V1.Tables.TablesClient(scenario.Channel);
        var path = _folder.File("amounts.csv");
        await File.WriteAllLinesAsync(path, ["Day;Amount (EUR)", "05.03.2024;12,5", "06.03.2024;7"], Cancellation);
        using var member = new DatapunkGatewayClient(silo.Gateway, scenario.Member.Token);
        var uploadId = (await member.UploadAsync(path, _folder.File("resume"), cancellationToken: Cancellation)).ToString();
        var owner = GrpcScenario.As(scenario.Member.Token);
        var other = GrpcScenario.As(scenario.Other.Token);

        var preview = await tables.PreviewAsync(new V1.TableUploadRequest { UploadId = uploadId, ColumnTypes = { ["amount_eur"] = "double precision" } }, owner);
        var stored = await tables.StoreAsync(new V1.TableUploadRequest { UploadId = uploadId, Name = "amounts", Renames = { ["amount_eur"] = "amount" } }, owner);
        var taken = await Should.ThrowAsync<RpcException>(() => tables.StoreAsync(new V1.TableUploadRequest { UploadId = uploadId, Name = "amounts" }, owner).ResponseAsync);
        var othersUpload = await Should.ThrowAsync<RpcException>(() => tables.StoreAsync(new V1.TableUploadRequest { UploadId = uploadId, Name = "stolen" }, other).ResponseAsync);
        var othersGet = await Should.ThrowAsync<RpcException>(() => tables.GetAsync(new V1.GetTableRequest { Name = "amounts" }, other).ResponseAsync);
        var othersDelete = await Should.ThrowAsync<RpcException>(() => tables.DeleteAsync(new V1.DeleteTableRequest { Name = "amounts" }, other).ResponseAsync);
        var othersList = await tables.ListAsync(new V1.ListTablesRequest(), other);
        var page = await tables.GetAsync(new V1.GetTableRequest { Name = "amounts", Limit = 1 }, owner);
        var deleted = await tables.DeleteAsync(new V1.DeleteTableRequest { Name = "amounts" }, owner);

        string.Join(", ", preview.Columns.Select(c => $"{c.Name}:{c.Type}")).ShouldBe("day:date, amount_eur:double precision");
        (preview.Delimiter, preview.Rows[0].Cells[1].Value).ShouldBe((";", "12,5"));
        (stored.Name, stored.FileName, stored.RowCount, string.Join(", ", stored.Columns.Select(c => $"{c.Name}:{c.Type}")))
            .ShouldBe(("amounts", "amounts.csv", 2L, "day:date, amount:numeric"));
        taken.StatusCode.ShouldBe(StatusCode.AlreadyExists, taken.Status.Detail);
        othersUpload.StatusCode.ShouldBe(StatusCode.NotFound, "another member cannot read the member's upload");
        othersGet.StatusCode.ShouldBe(StatusCode.NotFound);
        othersDelete.StatusCode.ShouldBe(StatusCode.NotFound);
        othersList.Tables.ShouldBeEmpty();
        page.Rows.Count.ShouldBe(1);
        JsonDocument.Parse(page.Rows[0]).RootElement.GetProperty("amount").GetDecimal().ShouldBe(12.5m);
        page.Next.ShouldBe(1);
        deleted.Rows.ShouldBe(2);
        (await scenario.AuditEntryAsync(scenario.Member, "tables.change", "/datapunk.v1.Tables/Store", Cancellation)).ShouldNotBeNull();
    }

    public void Dispose() => _folder.Dispose();
}
