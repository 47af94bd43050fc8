using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Isolation;

/// <summary>
/// The same isolation through the command line: a member's credentials naming another user with
/// <c>--user</c> are refused with a clear message and exit code 1, print nothing of the other user,
/// and change nothing; administrator-only commands are refused too.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class CliIsolationTests(SiloProcessFixture silo) : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task A_members_credentials_cannot_reach_another_user_through_any_command()
    {
        using var admin = silo.AdminClient();
        var victim = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        var member = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        var secret = $"victim-{Guid.NewGuid():N}"[..20];
        using (var asVictim = new DatapunkGatewayClient(silo.Gateway, victim.Token))
        {
            await asVictim.CreateTokenAsync(secret, ["read"], cancellationToken: Cancellation);
            await asVictim.CreateIngestTokenAsync(secret, Cancellation);
        }

        var credentials = _folder.File("member-credentials");
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(new { gateway = silo.Gateway.AbsoluteUri, user = member.User, token = member.Token }), Cancellation);
        var archive = _folder.File("takeout.zip");
        ArchiveBuilder.Zip(archive, ("Takeout/Location History/Records.json", "{\"locations\":[]}"u8.ToArray()));
        var gateway = silo.Gateway.AbsoluteUri;

        string[][] commands =
        [
            ["imports", "--user", victim.User, "--json", "--gateway", gateway],
            ["search", secret, "--user", victim.User, "--json", "--gateway", gateway],
            ["import", archive, "--user", victim.User, "--json", "--gateway", gateway],
            ["export", "--user", victim.User, "--output", _folder.File("stolen.zip"), "--gateway", gateway],
            ["erase", "--user", victim.User, "--yes", "--gateway", gateway],
            ["ingest-tokens", "list", "--user", victim.User, "--json", "--gateway", gateway],
            ["ingest-tokens", "create", "stolen", "--user", victim.User, "--json", "--gateway", gateway],
            ["ingest-tokens", "revoke", Guid.NewGuid().ToString(), "--user", victim.User, "--gateway", gateway],
            ["users", "add", SiloTestNames.NewUserName(), "--json", "--gateway", gateway],
            ["status", "--json", "--gateway", gateway],
            ["audit", "verify", "--json", "--gateway", gateway],
        ];
        foreach (var command in commands)
        {
            var result = await CliProcess.RunAsync(command, Deadlines.Cli, Cancellation, credentials);

            result.ExitCode.ShouldBe(1, result.ToString());
            result.Error.ShouldContain("403", customMessage: result.ToString());
            result.Output.ShouldNotContain(secret, customMessage: result.ToString());
        }

        File.Exists(_folder.File("stolen.zip")).ShouldBeFalse();
        using var stillThere = new DatapunkGatewayClient(silo.Gateway, victim.Token);
        (await stillThere.GetMeAsync(Cancellation)).UserName.ShouldBe(victim.User, "the victim's account survived the member's 'erase'");
    }

    public void Dispose() => _folder.Dispose();
}
