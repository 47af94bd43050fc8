using System.Globalization;
using System.Text;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using V1 = Datapunk.Silo.Grpc.V1;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>
/// Two fresh members of the test silo with tokens, a gRPC channel to it, and imports started for a
/// member the way the import engine runs them (through the member's grain, over the Orleans client gateway).
/// </summary>
public sealed class GrpcScenario : IAsyncDisposable
{
    private readonly TempFolder _files = new();
    private readonly IHost _cluster;

    private GrpcScenario(SiloProcessFixture silo, IHost cluster, GrpcUser member, GrpcUser other)
    {
        Silo = silo;
        _cluster = cluster;
        Member = member;
        Other = other;
        Channel = GrpcChannel.ForAddress(silo.Grpc);
    }

    public SiloProcessFixture Silo { get; }

    public GrpcUser Member { get; }

    public GrpcUser Other { get; }

    public GrpcChannel Channel { get; }

    public static async Task<GrpcScenario> StartAsync(SiloProcessFixture silo, CancellationToken cancellationToken)
    {
        using var gateway = silo.AdminClient();
        var member = await gateway.CreateUserAsync(new NewUser(SiloTestNames.NewUserName(), "gRPC Member"), cancellationToken);
        var other = await gateway.CreateUserAsync(new NewUser(SiloTestNames.NewUserName(), "gRPC Other"), cancellationToken);
        var cluster = await DatapunkClusterClient.ConnectAsync(gateway, TimeSpan.FromSeconds(10), cancellationToken);
        return new GrpcScenario(silo, cluster, new GrpcUser(member.User, member.Token), new GrpcUser(other.User, other.Token));
    }

    /// <summary>Call options sending <paramref name="token"/> as a bearer token, with a deadline 20 s away unless given.</summary>
    public static CallOptions As(string? token, DateTime? deadline = null, string? actAs = null)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        if (actAs is not null)
        {
            headers.Add("datapunk-act-as", actAs);
        }

        return new CallOptions(headers, deadline ?? DateTime.UtcNow.AddSeconds(20));
    }

    /// <summary>Starts an import of a Location History of <paramref name="fixes"/> fixes for <see cref="Member"/>; returns its id.</summary>
    public Task<Guid> StartMemberImportAsync(int fixes) =>
        StartMemberImportAsync(("Takeout/Location History/Records.json", LocationHistory(fixes)));

    /// <summary>
    /// Imports <see cref="RecordsExport"/> with <paramref name="plays"/> plays for <see cref="Member"/>
    /// (titles carrying the member's name) and waits until it completed; returns its id.
    /// </summary>
    public async Task<Guid> ImportMemberRecordsAsync(int plays, CancellationToken cancellationToken)
    {
        var importId = await StartMemberImportAsync(RecordsExport.Entries(Member.Name, plays));
        var finished = await WaitUntilFinishedAsync(importId, cancellationToken);
        finished.Status.ShouldBe(V1.ImportState.Completed, finished.ToString());
        return importId;
    }

    /// <summary>Creates the account of <paramref name="userId"/>, whose data a test wrote straight to the database, and a token for it.</summary>
    public async Task<GrpcUser> AccountForAsync(string userId, CancellationToken cancellationToken)
    {
        using var gateway = Silo.AdminClient();
        var created = await gateway.CreateUserAsync(new NewUser(userId), cancellationToken);
        return new GrpcUser(created.User, created.Token);
    }

    /// <summary>Uploads a zip of <paramref name="entries"/> as <paramref name="user"/> (tus, on the REST port); returns the finished upload's id.</summary>
    public async Task<Guid> UploadAsync(GrpcUser user, CancellationToken cancellationToken, params (string Name, byte[] Content)[] entries)
    {
        var zip = ArchiveBuilder.Zip(_files.File($"upload-{Guid.NewGuid():N}.zip"), entries);
        using var client = new DatapunkGatewayClient(Silo.Gateway, user.Token);
        return await client.UploadAsync(zip, _files.File("upload-resume"), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The newest entry of <paramref name="user"/>'s audit trail for <paramref name="action"/> by the gRPC
    /// method <paramref name="route"/> (<c>/datapunk.v1.Records/List</c>), polled for: a stream's entry is
    /// written after its last message, so it may land just after the client saw the stream end.
    /// </summary>
    public Task<V1.AuditTrailEntry?> AuditEntryAsync(GrpcUser user, string action, string route, CancellationToken cancellationToken)
    {
        var audit = new V1.Audit.AuditClient(Channel);
        return Poll.UntilAsync(
            async _ => (await GrpcStreams.ReadAllAsync(audit.ListTrail(new V1.ListTrailRequest { Limit = 50 }, As(user.Token))))
                .FirstOrDefault(entry => entry.Action == action && entry.Details.GetValueOrDefault("route") == route),
            entry => entry is not null,
            $"an audit entry {action} for {route} in {user.Name}'s trail",
            _ => "none",
            Deadlines.Default,
            cancellationToken);
    }

    /// <summary>Polls an import of <paramref name="owner"/> (the member by default) over gRPC until it has completed or failed.</summary>
    public Task<V1.ImportProgress> WaitUntilFinishedAsync(Guid importId, CancellationToken cancellationToken, GrpcUser? owner = null)
    {
        var imports = new V1.Imports.ImportsClient(Channel);
        var token = (owner ?? Member).Token;
        return Poll.UntilAsync(
            async _ => await imports.GetAsync(new() { ImportId = importId.ToString() }, As(token)),
            progress => progress.Status is V1.ImportState.Completed or V1.ImportState.Failed,
            $"import {importId} to finish",
            progress => progress?.ToString() ?? "nothing",
            Deadlines.Import,
            cancellationToken);
    }

    private async Task<Guid> StartMemberImportAsync(params (string Name, byte[] Content)[] entries)
    {
        var folder = _files.File($"takeout-{Guid.NewGuid():N}");
        ArchiveBuilder.Folder(folder, entries);
        CallerContext.Set(Member.Name, AccountRoles.Member);
        try
        {
            return await _cluster.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(Member.Name).StartImportAsync([folder]);
        }
        finally
        {
            CallerContext.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _cluster.StopAsync(CancellationToken.None);
        _cluster.Dispose();
        _files.Dispose();
    }

    /// <summary>Records.json of Google's location history: one fix every minute from 2020-01-01.</summary>
    private static byte[] LocationHistory(int fixes)
    {
        var json = new StringBuilder("{\"locations\":[");
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < fixes; i++)
        {
            json.Append(CultureInfo.InvariantCulture,
                $"{(i > 0 ? "," : "")}{{\"latitudeE7\":{473_000_000 + i},\"longitudeE7\":{85_000_000 + i},\"accuracy\":10,\"timestamp\":\"{start.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'}\"}}");
        }

        return ArchiveBuilder.Text(json.Append("]}").ToString());
    }
}

/// <summary>A user of the scenario and its personal access token (write scope).</summary>
public sealed record GrpcUser(string Name, string Token);
