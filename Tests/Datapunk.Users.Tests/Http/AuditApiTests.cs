using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Grains;
using Datapunk.Silo.Api;
using Datapunk.Users.Audit;
using Datapunk.Users.Tests.Audit;

namespace Datapunk.Users.Tests.Http;

[Collection(AuditChainCollection.Name)]
public sealed class AuditApiTests
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    [Fact]
    public async Task An_audited_call_leaves_an_entry_in_the_callers_trail_and_nobody_elses()
    {
        await using var gateway = await AuditedGateway.StartAsync();
        var (alice, bob) = (UsersDatabase.NewUserId("alice"), UsersDatabase.NewUserId("bob"));

        (await gateway.GetAsync($"api/v1{AuditedGateway.RecordsRoute}", $"sub={alice};scope=read")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var trail = await TrailAsync(gateway, $"sub={alice};scope=read");

        var read = trail.Entries.Single(e => e.Action == AuditActions.RecordsRead);
        (read.Actor, read.Subject, read.RecordCount, read.Origin).ShouldBe((alice, alice, (long)AuditedGateway.RecordsReturned, "127.0.0.1"));
        read.Details!["route"].ShouldBe($"{ApiV1.Prefix}{AuditedGateway.RecordsRoute}");
        read.Details["status"].ShouldBe("200");
        (await TrailAsync(gateway, $"sub={bob};scope=read")).Entries.ShouldAllBe(e => e.Subject == bob && e.Actor == bob);
        (await gateway.GetAsync("api/v1/privacy/audit?limit=0", $"sub={alice};scope=read")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await gateway.GetAsync("api/v1/privacy/audit", "")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admin_acting_for_a_user_is_recorded_as_the_actor_with_an_act_as_entry()
    {
        await using var gateway = await AuditedGateway.StartAsync();
        var (user, admin) = (UsersDatabase.NewUserId("member"), UsersDatabase.NewUserId("admin"));

        (await gateway.GetAsync($"api/v1{AuditedGateway.RecordsRoute}", $"sub={user};act={admin};scope=read write admin")).EnsureSuccessStatusCode();

        var trail = await TrailAsync(gateway, $"sub={user};scope=read");
        var actAs = trail.Entries.Single(e => e.Action == AuditActions.AdminActAs);
        var read = trail.Entries.Single(e => e.Action == AuditActions.RecordsRead);
        (actAs.Actor, actAs.Subject, read.Actor, read.Subject).ShouldBe((admin, user, admin, user));
        read.Sequence.ShouldBe(actAs.Sequence + 1, "the act-as entry and the act are appended together");
    }

    [Fact]
    public async Task Verification_needs_the_admin_scope_and_reports_the_chain()
    {
        await using var gateway = await AuditedGateway.StartAsync();
        var admin = UsersDatabase.NewUserId("admin");

        (await gateway.GetAsync("api/v1/admin/audit/verify", $"sub={admin};scope=read")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var response = await gateway.GetAsync("api/v1/admin/audit/verify", $"sub={admin};scope=read write admin");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = (await response.Content.ReadFromJsonAsync<AuditVerificationReport>(Json, TestContext.Current.CancellationToken))!;
        report.Valid.ShouldBeTrue($"the chain should verify, but: {report.Reason}");
        report.HeadHash.Length.ShouldBe(64);
    }

    private static async Task<AuditTrailPage> TrailAsync(AuditedGateway gateway, string caller)
    {
        var response = await gateway.GetAsync("api/v1/privacy/audit?limit=100", caller);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<AuditTrailPage>(Json, TestContext.Current.CancellationToken))!;
    }
}
