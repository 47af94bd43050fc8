using System.Net.Http.Headers;
using Datapunk.Users.Accounts;
using Datapunk.Users.Tokens;

namespace Datapunk.Import.Tests.Reading;

/// <summary>The two people of <see cref="ReadingData"/> as API callers: a member account each and a read-only personal access token.</summary>
internal static class ReadingCallers
{
    private static readonly Lazy<Task<(string A, string B)>> Tokens = new(async () =>
    {
        await ReadingData.ReadyAsync();
        return (await IssueAsync(ReadingData.A), await IssueAsync(ReadingData.B));
    });

    /// <summary>A client of <paramref name="gateway"/> that calls as A (or B), or anonymously.</summary>
    public static async Task<HttpClient> ClientAsync(Uri gateway, string? user)
    {
        var (a, b) = await Tokens.Value;
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user == ReadingData.A ? a : b);
        }

        return client;
    }

    private static async Task<string> IssueAsync(string user)
    {
        await new AccountTable(ImportDatabase.DataSource).TryCreateAsync(user, AccountRoles.Member, CancellationToken.None);
        var issued = await new AccessTokenTable(ImportDatabase.DataSource, TimeProvider.System)
            .IssueAsync(user, "reading tests", ["read"], DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        return issued.Text;
    }
}
