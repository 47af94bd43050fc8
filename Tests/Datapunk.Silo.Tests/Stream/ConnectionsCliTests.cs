using System.Text.Json;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Stream;

/// <summary><c>datapunk connections …</c> against the silo with the fake Spotify: list, connect, sync, pause, remove, with and without --json.</summary>
[Collection(StreamSiloCollection.Name)]
public sealed class ConnectionsCliTests(StreamSiloFixture silo) : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task The_cli_lists_connects_syncs_pauses_and_removes_connections()
    {
        var (name, token, client) = await silo.NewUserAsync("cli");
        using var _ = client;
        var account = silo.Spotify.AddAccount("cli-" + Guid.NewGuid().ToString("N")[..6], "Cli");
        account.Play(new DateTimeOffset(2026, 12, 6, 7, 0, 0, TimeSpan.Zero), "c1", "Morning", "Band");
        await silo.ConnectAsync(client, account.Id);
        var id = $"spotify:{account.Id}";
        var credentials = _folder.File("credentials");
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(new { gateway = silo.Gateway.AbsoluteUri, user = name, token }), Cancel);

        var connect = await CliAsync(credentials, "connections", "connect", "spotify", "--user", name, "--json");
        connect.ExitCode.ShouldBe(0, connect.ToString());
        JsonSerializer.Deserialize<ConnectionStart>(connect.Output, JsonSerializerOptions.Web)!.AuthorizeUrl
            .ShouldStartWith(silo.Spotify.AuthorizeEndpoint.ToString());

        // The reminder's first poll comes seconds after connecting; the play after it is the sync's alone.
        await Poll.UntilAsync(
            async cancel => (await client.ListConnectionsAsync(cancel)).Single().Polls, polls => polls >= 1,
            "the connection's first scheduled poll", polls => $"{polls} polls", TimeSpan.FromSeconds(60), Cancel);
        account.Play(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero), "c2", "Later", "Band");
        var sync = await CliAsync(credentials, "connections", "sync", id, "--user", name);
        sync.ExitCode.ShouldBe(0, sync.ToString());
        sync.Output.ShouldStartWith($"{id}: 1 new records from 2 pages.", customMessage: sync.ToString());

        var paused = await CliAsync(credentials, "connections", "pause", id, "--user", name);
        paused.Output.ShouldContain("(paused)", customMessage: paused.ToString());
        var listed = await CliAsync(credentials, "connections", "list", "--user", name, "--json");
        listed.ExitCode.ShouldBe(0, listed.ToString());
        var connection = JsonSerializer.Deserialize<List<ConnectionStatus>>(listed.Output, JsonSerializerOptions.Web)!.ShouldHaveSingleItem();
        connection.Id.ShouldBe(id);
        connection.Paused.ShouldBeTrue();
        connection.Records.ShouldBe(2);
        var table = await CliAsync(credentials, "connections", "list", "--user", name);
        table.Output.ShouldContain(id);

        var removed = await CliAsync(credentials, "connections", "remove", id, "--user", name);
        removed.ExitCode.ShouldBe(0, removed.ToString());
        var missing = await CliAsync(credentials, "connections", "sync", id, "--user", name);
        missing.ExitCode.ShouldBe(1, missing.ToString());
        missing.Error.ShouldContain("404");
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> CliAsync(string credentials, params string[] arguments) =>
        CliProcess.RunAsync([.. arguments, "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancel, credentials);
}
