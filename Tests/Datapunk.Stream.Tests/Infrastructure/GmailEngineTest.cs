using System.Globalization;
using Datapunk.Streams.Connections;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// A test class with its own fake Gmail and an engine pointed at it, started before each test and
/// stopped after; a connection may send 1,000 requests a window, so the quota holds no test up.
/// </summary>
public abstract class GmailEngineTest : IAsyncLifetime
{
    internal FakeGmail Gmail { get; private set; } = null!;

    internal StreamEngine Engine { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Gmail = await FakeGmail.StartAsync();
        Engine = await StreamEngine.StartAsync(Gmail.Settings(), new Dictionary<string, string>
        {
            ["Stream:Providers:gmail:ConnectionRequestsPerWindow"] = "1000",
            ["Stream:Providers:gmail:RequestsPerWindow"] = "1000",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Gmail.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new user who connected a new mailbox of the fake, its messages added by <paramref name="fill"/> first.</summary>
    internal async Task<(string UserId, FakeGmailAccount Account, ConnectionKey Key)> ConnectedAsync(Action<FakeGmailAccount> fill)
    {
        var userId = await StreamDatabase.NewAccountAsync("gmail");
        var account = Gmail.AddAccount($"{Guid.NewGuid():N}"[..10] + "@gmail.com");
        fill(account);
        Gmail.SignedInAccount = account.Email;
        return (userId, account, (await Authorizations.ConnectAsync(Engine, "gmail", userId)).Key);
    }

    /// <summary>An RFC 822 message with CRLF line breaks, as Gmail's <c>raw</c> holds one: <c>&lt;m{n}@example.com&gt;</c>, one a day from 1 March 2026.</summary>
    internal static string Mail(int n, string? body = null) => $"""
        Message-ID: <m{n}@example.com>
        Date: {new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc).AddDays(n).ToString("ddd, d MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)}
        From: Bob <bob@example.com>
        To: alice@gmail.com
        Subject: Message {n}
        Content-Type: text/plain; charset=utf-8

        {body ?? $"Hello, this is message {n}."}
        """.ReplaceLineEndings("\r\n");

    /// <summary>The user's e-mail records' identities (the kind by name), sorted.</summary>
    internal static Task<List<string>> IdentitiesAsync(string userId) => UserRows.IdentitiesAsync(userId, "emails");

    /// <summary>The API requests sent since <paramref name="before"/> requests, whose path contains <paramref name="part"/>.</summary>
    internal List<string> Requests(int before = 0, string part = "") => [.. Gmail.ApiRequests.Skip(before).Where(r => r.Contains(part, StringComparison.Ordinal))];
}
