using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Admin;

/// <summary>
/// <c>GET /api/v1/admin/imports</c> against the real silo: an administrator sees every user's imports with their
/// state and counts and nothing of their content (the file's path and name never appear); a member is refused;
/// pages follow each other newest first; bad parameters are a 400 naming them.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ImportsAcrossUsersTests(SiloProcessFixture silo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task An_administrator_sees_every_users_imports_counted_and_nothing_of_what_they_hold()
    {
        using var folder = new TempFolder();
        var marker = $"diary-of-{Guid.NewGuid():N}";
        var first = await ImportAsync(folder, marker + "-a");
        var second = await ImportAsync(folder, marker + "-b");

        using var http = Client(silo.AdminToken);
        var body = await http.GetStringAsync("api/v1/admin/imports?limit=500", Cancellation);

        body.ShouldNotContain(marker, Case.Sensitive, "no path or file name of an import is shown");
        using var page = JsonDocument.Parse(body);
        var imports = page.RootElement.GetProperty("imports").EnumerateArray().ToList();
        foreach (var (user, progress) in new[] { first, second })
        {
            var row = imports.Where(i => i.GetProperty("importId").GetGuid() == progress.ImportId).ShouldHaveSingleItem($"{user}'s import is listed");
            row.GetProperty("userId").GetString().ShouldBe(user);
            row.GetProperty("status").GetString().ShouldBe("Completed");
            row.GetProperty("filesDone").GetInt64().ShouldBe(1);
            row.GetProperty("filesFailed").GetInt64().ShouldBe(0);
            row.GetProperty("records").GetInt64().ShouldBe(3);
            row.GetProperty("bytesDone").GetInt64().ShouldBeGreaterThan(0);
            row.TryGetProperty("paths", out _).ShouldBeFalse();
        }

        imports.Select(i => i.GetProperty("createdAt").GetDateTimeOffset()).ShouldBeInOrder(SortDirection.Descending, "newest first");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Pages_follow_each_other_a_member_is_refused_and_bad_parameters_are_named()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "one", "two", "three", "four" })
        {
            await ImportAsync(folder, name);
        }

        using var http = Client(silo.AdminToken);

        // Other tests import meanwhile: newer imports go before the first page, never between pages that follow a cursor.
        var start = await PageAsync(http, 1, after: null);
        var expected = (await PageAsync(http, 2, start.Next)).Ids;
        var paged = new List<Guid>();
        var after = start.Next;
        for (var pages = 0; pages < 2; pages++)
        {
            var page = await PageAsync(http, 1, after);
            paged.AddRange(page.Ids);
            after = page.Next.ShouldNotBeNull("more imports exist than these pages");
        }

        paged.ShouldBe(expected, "two pages of one are one page of two");

        (await http.GetAsync("api/v1/admin/imports?limit=0", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badCursor = await http.GetAsync("api/v1/admin/imports?after=not-a-cursor", Cancellation);
        badCursor.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badCursor.Content.ReadAsStringAsync(Cancellation)).ShouldContain("after");

        using var admin = silo.AdminClient();
        var member = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        using var asMember = Client(member.Token);
        (await asMember.GetAsync("api/v1/admin/imports", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>A fresh user imports three fixes from a file whose name holds <paramref name="name"/>; returns the user and the finished import.</summary>
    private async Task<(string User, ImportProgress Progress)> ImportAsync(TempFolder folder, string name)
    {
        var path = folder.File($"{name}.json");
        var locations = Enumerable.Range(0, 3).Select(i => new
        {
            latitudeE7 = 480_000_000 + (i * 10_000),
            longitudeE7 = 110_000_000 + (i * 10_000),
            timestamp = new DateTimeOffset(2021, 6, 1, 8, i * 5, 0, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { locations }), Cancellation);
        using var gateway = new DatapunkGatewayClient(silo.Gateway, silo.AdminToken);
        var user = SiloTestNames.NewUserName();
        await gateway.EnsureUserAsync(user, Cancellation);
        gateway.ActAs(user);
        var started = await gateway.StartImportOfPathsAsync([path], Cancellation);
        var finished = await FinishedImports.WaitAsync(gateway, started.ImportId, path, Cancellation);
        finished.Status.ShouldBe(ImportState.Completed, $"{finished.Message} {string.Join("; ", finished.Errors)}");
        return (user, finished);
    }

    private static async Task<(List<Guid> Ids, string? Next)> PageAsync(HttpClient http, int limit, string? after)
    {
        using var page = JsonDocument.Parse(await http.GetStringAsync(
            $"api/v1/admin/imports?limit={limit}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"), Cancellation));
        return ([.. page.RootElement.GetProperty("imports").EnumerateArray().Select(i => i.GetProperty("importId").GetGuid())],
            page.RootElement.GetProperty("next").GetString());
    }

    private HttpClient Client(string token)
    {
        var http = new HttpClient { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
