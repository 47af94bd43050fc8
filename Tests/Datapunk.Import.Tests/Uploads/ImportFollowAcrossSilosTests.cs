using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>
/// An import's progress is pushed through Redis to followers on every silo: with the grain asked only
/// every ten minutes (<c>Imports:FollowPollInterval</c>), followers on both silos of a cluster (so one
/// of them is not where the import runs) see its changes and its end as they happen; another user
/// cannot follow it from either silo.
/// </summary>
public sealed class ImportFollowAcrossSilosTests : IDisposable
{
    private static readonly Dictionary<string, string> Settings = new() { ["Imports__FollowPollInterval"] = "00:10:00" };

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Followers_on_both_silos_see_the_import_progress_pushed_until_its_end_and_a_stranger_on_neither()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var clusterId = $"follow-{Guid.NewGuid():N}"[..20];
        await using var first = await ImportSilo.StartAsync(clusterId, Settings);
        await using var second = await ImportSilo.StartAsync(clusterId, Settings);
        using var onFirst = await SiloUsers.NewMemberAsync(first.Gateway, clusterId, ImportDatabase.NewUser("follow"), TimeSpan.FromMinutes(3));
        using var onSecond = SiloUsers.OnGateway(onFirst, second.Gateway);
        using var stranger = await SiloUsers.NewMemberAsync(second.Gateway, clusterId, ImportDatabase.NewUser("follow-x"));
        var upload = await TakeoutUploads.UploadAsync(onFirst, _temp, fixes: 200_000);

        using var started = await ImportsCalls.StartAsync(onFirst, new { uploads = new[] { upload } });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(cancellation));
        var import = (await started.Content.ReadFromJsonAsync<ImportProgress>(cancellation)).ShouldNotBeNull();
        var followers = await Task.WhenAll(FollowAsync(onFirst, import.ImportId), FollowAsync(onSecond, import.ImportId));
        using var strangerOnFirst = SiloUsers.OnGateway(stranger, first.Gateway);
        var refusals = new[]
        {
            await StatusAsync(stranger, import.ImportId), await StatusAsync(strangerOnFirst, import.ImportId),
        };

        foreach (var (events, silo) in followers.Zip(["first", "second"]))
        {
            events.ShouldNotBeEmpty();
            events[^1].Status.ShouldBe(ImportState.Completed, $"the follower on the {silo} silo hears of the end though it asks the grain only every 10 minutes");
            events[^1].Records["location_points"].ShouldBe(200_000);
            events.Take(events.Count - 1).ShouldAllBe(progress => !progress.Status.IsFinished());
        }

        followers.Max(events => events.Count).ShouldBeGreaterThan(1, "changes while the import ran came pushed, not only its state when following began");
        refusals.ShouldAllBe(status => status == HttpStatusCode.NotFound, "another user cannot follow the import from either silo");
    }

    /// <summary>Every progress event of the import's stream, which ends when the import does (or fails the test after 3 minutes).</summary>
    private static async Task<List<ImportProgress>> FollowAsync(HttpClient client, Guid importId)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        using var events = await client.GetAsync($"{ImportsCalls.Imports}/{importId}/events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        events.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await events.Content.ReadAsStringAsync(deadline.Token);
        return [.. text.Split('\n').Where(line => line.StartsWith("data: ", StringComparison.Ordinal))
            .Select(line => JsonSerializer.Deserialize<ImportProgress>(line["data: ".Length..], JsonSerializerOptions.Web)!)];
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Guid importId)
    {
        using var response = await client.GetAsync($"{ImportsCalls.Imports}/{importId}/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => _temp.Dispose();
}
