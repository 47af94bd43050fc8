using System.Text.Json.Nodes;
using Datapunk.Streams.Connections;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// A test class with its own fake Google Calendar and an engine pointed at it, started before each test
/// and stopped after; a connection may send 1,000 requests a minute, so the quota holds no test up.
/// </summary>
public abstract class GoogleCalendarEngineTest : IAsyncLifetime
{
    internal FakeGoogleCalendar Google { get; private set; } = null!;

    internal StreamEngine Engine { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Settings over the fake's, for a test class that needs others.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Stream:Providers:google-calendar:ConnectionRequestsPerWindow"] = "1000",
        ["Stream:Providers:google-calendar:RequestsPerWindow"] = "1000",
    };

    public async ValueTask InitializeAsync()
    {
        Google = await FakeGoogleCalendar.StartAsync();
        Engine = await StreamEngine.StartAsync(Google.Settings(), Settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Google.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Connects the fake's <paramref name="email"/> for <paramref name="userId"/>, the whole flow.</summary>
    internal Task<ConnectionRow> ConnectAsync(string userId, string email)
    {
        Google.SignedInAccount = email;
        return Authorizations.ConnectAsync(Engine, "google-calendar", userId);
    }

    /// <summary>A new user who connected a new account of the fake, its calendars and events given by <paramref name="fill"/> first.</summary>
    internal async Task<(string UserId, FakeGoogleCalendarAccount Account, ConnectionKey Key)> ConnectedAsync(Action<FakeGoogleCalendarAccount> fill)
    {
        var userId = await StreamDatabase.NewAccountAsync("gcal");
        var account = Google.AddAccount($"{Guid.NewGuid():N}"[..10] + "@example.com", "Alice's calendar");
        fill(account);
        return (userId, account, (await ConnectAsync(userId, account.Email)).Key);
    }

    /// <summary>An event resource as Google gives it: <paramref name="start"/>/<paramref name="end"/> are <c>{dateTime, timeZone}</c> or <c>{date}</c> objects.</summary>
    internal static JsonObject Event(string id, string uid, string summary, JsonObject start, JsonObject end) => new()
    {
        ["kind"] = "calendar#event",
        ["id"] = id,
        ["status"] = "confirmed",
        ["htmlLink"] = $"https://www.google.com/calendar/event?eid={id}",
        ["created"] = "2025-12-01T10:00:00.000Z",
        ["summary"] = summary,
        ["start"] = start,
        ["end"] = end,
        ["iCalUID"] = uid,
        ["sequence"] = 0,
    };

    internal static JsonObject At(string dateTime, string timeZone = "Europe/Berlin") => new() { ["dateTime"] = dateTime, ["timeZone"] = timeZone };

    internal static JsonObject OnDay(string date) => new() { ["date"] = date };

    /// <summary>The user's calendar-event records (kind by name), their identities sorted.</summary>
    internal static Task<List<string>> IdentitiesAsync(string userId) => UserRows.IdentitiesAsync(userId, "calendar_events");

    internal List<string> Requests() => [.. Google.ApiRequests];
}
