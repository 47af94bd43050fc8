using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Streams.Connections;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// A test class with its own fake Microsoft identity platform and Graph, and an engine pointed at them,
/// started before each test and stopped after; a connection may send 1,000 requests a window, so the
/// quota holds no test up.
/// </summary>
public abstract class MicrosoftGraphEngineTest : IAsyncLifetime
{
    internal FakeMicrosoftGraph Graph { get; private set; } = null!;

    internal StreamEngine Engine { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Graph = await FakeMicrosoftGraph.StartAsync();
        Engine = await StreamEngine.StartAsync(Graph.Settings(), new Dictionary<string, string>
        {
            ["Stream:Providers:microsoft:ConnectionRequestsPerWindow"] = "1000",
            ["Stream:Providers:microsoft:RequestsPerWindow"] = "1000",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Graph.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new user who connected a new account of the fake, its events and mail given by <paramref name="fill"/> first.</summary>
    internal async Task<(string UserId, FakeMicrosoftAccount Account, ConnectionKey Key)> ConnectedAsync(Action<FakeMicrosoftAccount> fill)
    {
        var userId = await StreamDatabase.NewAccountAsync("graph");
        var account = Graph.AddAccount($"{Guid.NewGuid():N}"[..10] + "@outlook.com", "Alice Example");
        fill(account);
        Graph.SignedInAccount = account.UserPrincipalName;
        return (userId, account, (await Authorizations.ConnectAsync(Engine, "microsoft", userId)).Key);
    }

    /// <summary>A single event as Graph's calendar view gives it, times in UTC (Graph's default).</summary>
    internal static JsonObject Event(string id, string uid, string subject, string start, string end, string type = "singleInstance") => new()
    {
        ["@odata.type"] = "#microsoft.graph.event",
        ["id"] = id,
        ["iCalUId"] = uid,
        ["type"] = type,
        ["subject"] = subject,
        ["bodyPreview"] = "",
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<html><body><b>Agenda</b><br>Budget</body></html>" },
        ["createdDateTime"] = "2025-12-01T10:00:00.0000000Z",
        ["isAllDay"] = false,
        ["isCancelled"] = false,
        ["showAs"] = "busy",
        ["webLink"] = $"https://outlook.live.com/owa/?itemid={id}&exvsurl=1&path=/calendar/item",
        ["start"] = new JsonObject { ["dateTime"] = start + ".0000000", ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = end + ".0000000", ["timeZone"] = "UTC" },
        ["location"] = new JsonObject { ["displayName"] = "Room 1" },
        ["attendees"] = new JsonArray(new JsonObject
        {
            ["type"] = "required",
            ["status"] = new JsonObject { ["response"] = "accepted", ["time"] = "2025-12-02T10:00:00Z" },
            ["emailAddress"] = new JsonObject { ["name"] = "Bob", ["address"] = "bob@example.com" },
        }),
        ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = "Alice Example", ["address"] = "alice@outlook.com" } },
    };

    /// <summary>An RFC 822 message with CRLF line breaks: <c>&lt;g{n}@example.com&gt;</c>, one a day from 1 March 2026.</summary>
    internal static string Mail(int n) => $"""
        Message-ID: <g{n}@example.com>
        Date: {new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc).AddDays(n).ToString("ddd, d MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)}
        From: Bob <bob@example.com>
        To: alice@outlook.com
        Subject: Message {n}
        Content-Type: text/plain; charset=utf-8

        Hello, this is message {n}.
        """.ReplaceLineEndings("\r\n");

    internal static Task<List<string>> EventsAsync(string userId) => UserRows.IdentitiesAsync(userId, "calendar_events");

    internal static Task<List<string>> EmailsAsync(string userId) => UserRows.IdentitiesAsync(userId, "emails");

    internal static Task<long> AllRecordsAsync(string userId) =>
        UserRows.ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1", userId);

    /// <summary>The API requests sent since <paramref name="before"/> requests, whose path contains <paramref name="part"/>.</summary>
    internal List<string> Requests(int before = 0, string part = "") => [.. Graph.ApiRequests.Skip(before).Where(r => r.Contains(part, StringComparison.Ordinal))];
}
