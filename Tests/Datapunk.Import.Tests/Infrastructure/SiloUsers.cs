using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>
/// Users of a test cluster as the API knows them: the owner's admin token from the credentials file
/// the silo writes on first start, and members created with it, each with a client carrying its own token.
/// </summary>
internal static class SiloUsers
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string ClusterId, string User), Task<string>> Tokens = new();

    /// <summary>
    /// An HTTP client on <paramref name="gateway"/> that calls as the member <paramref name="userName"/>,
    /// created (with its token) on first use in the cluster.
    /// </summary>
    public static async Task<HttpClient> NewMemberAsync(Uri gateway, string clusterId, string userName, TimeSpan? timeout = null) =>
        ClientWith(gateway, await Tokens.GetOrAdd((clusterId, userName), key => CreateMemberAsync(gateway, key.ClusterId, key.User)), timeout ?? TimeSpan.FromSeconds(60));

    private static async Task<string> CreateMemberAsync(Uri gateway, string clusterId, string userName)
    {
        using var owner = ClientWith(gateway, TestState.ReadToken(TestState.CredentialsFileFor(clusterId)), TimeSpan.FromSeconds(30));
        using var created = await owner.PostAsJsonAsync("api/v1/users", new NewUser(userName), TestContext.Current.CancellationToken);
        var body = await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        created.IsSuccessStatusCode.ShouldBeTrue($"POST /api/v1/users for {userName} answered {(int)created.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>A client of the same user on another silo's gateway.</summary>
    public static HttpClient OnGateway(HttpClient client, Uri gateway)
    {
        var other = new HttpClient { BaseAddress = gateway, Timeout = client.Timeout };
        other.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        return other;
    }

    private static HttpClient ClientWith(Uri gateway, string token, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
