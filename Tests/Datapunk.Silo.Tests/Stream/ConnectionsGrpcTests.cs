using Grpc.Core;
using Grpc.Net.Client;
using V1 = Datapunk.Silo.Grpc.V1;

namespace Datapunk.Silo.Tests.Stream;

/// <summary>The Connections gRPC service against the silo with the fake Spotify: list, sync, pause, resume, remove; another user's id is NOT_FOUND.</summary>
[Collection(StreamSiloCollection.Name)]
public sealed class ConnectionsGrpcTests(StreamSiloFixture silo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Connections_are_listed_synced_paused_resumed_and_removed_over_grpc_by_their_owner_only()
    {
        var (_, token, client) = await silo.NewUserAsync("grpc");
        var (_, otherToken, other) = await silo.NewUserAsync("grpc-other");
        using var a = client;
        using var b = other;
        var account = silo.Spotify.AddAccount("grpc-" + Guid.NewGuid().ToString("N")[..6], "Grpc");
        account.Play(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero), "g1", "Remote", "Band");
        await silo.ConnectAsync(client, account.Id);
        var id = $"spotify:{account.Id}";
        using var channel = GrpcChannel.ForAddress(silo.Grpc);
        var connections = new V1.Connections.ConnectionsClient(channel);
        var owner = new Metadata { { "authorization", $"Bearer {token}" } };
        var intruder = new Metadata { { "authorization", $"Bearer {otherToken}" } };

        var listed = await connections.ListAsync(new V1.ListConnectionsRequest(), owner, cancellationToken: Cancel);
        var sync = await connections.SyncAsync(new V1.ConnectionRequest { ConnectionId = id }, owner, cancellationToken: Cancel);
        var paused = await connections.PauseAsync(new V1.ConnectionRequest { ConnectionId = id }, owner, cancellationToken: Cancel);
        var resumed = await connections.ResumeAsync(new V1.ConnectionRequest { ConnectionId = id }, owner, cancellationToken: Cancel);

        listed.Connections.ShouldHaveSingleItem().Id.ShouldBe(id);
        sync.Succeeded.ShouldBeTrue(sync.Error);
        sync.Connection.Records.ShouldBe(1);
        paused.Paused.ShouldBeTrue();
        resumed.Paused.ShouldBeFalse();
        (await connections.ListAsync(new V1.ListConnectionsRequest(), intruder, cancellationToken: Cancel)).Connections.ShouldBeEmpty();
        var refused = await Should.ThrowAsync<RpcException>(async () =>
            await connections.RemoveAsync(new V1.ConnectionRequest { ConnectionId = id }, intruder, cancellationToken: Cancel));
        refused.StatusCode.ShouldBe(StatusCode.NotFound);

        await connections.RemoveAsync(new V1.ConnectionRequest { ConnectionId = id }, owner, cancellationToken: Cancel);
        (await connections.ListAsync(new V1.ListConnectionsRequest(), owner, cancellationToken: Cancel)).Connections.ShouldBeEmpty();
    }
}
