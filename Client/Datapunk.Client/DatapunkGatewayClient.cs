using System.Net.Http.Json;
using System.Text.Json;

namespace Datapunk.Client;

/// <summary>
/// Datapunk's REST gateway (any silo's HTTP port) over <see cref="HttpClient"/>. Error statuses
/// become <see cref="DatapunkApiException"/>; an unreachable gateway surfaces as the
/// <see cref="HttpRequestException"/> (or timeout) it is, so callers can tell the two apart.
/// </summary>
public sealed class DatapunkGatewayClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a read keeps retrying while the cluster recovers from a lost silo.</summary>
    public static readonly TimeSpan FailoverRetryLimit = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Uses a client configured elsewhere (for example by IHttpClientFactory); its BaseAddress must be the gateway.</summary>
    public DatapunkGatewayClient(HttpClient http)
    {
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the gateway URL.", nameof(http));
        }

        _http = http;
    }

    public DatapunkGatewayClient(Uri gateway, TimeSpan? timeout = null)
    {
        // A base address without a trailing slash would drop its last path segment when combined with "api/...".
        var baseAddress = gateway.AbsoluteUri.EndsWith('/') ? gateway : new Uri(gateway.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? DefaultTimeout };
        _ownsHttp = true;
    }

    public Uri Gateway => _http.BaseAddress!;

    public Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ClusterStatus>("api/cluster", cancellationToken);

    /// <summary>Creates a user; a taken name fails with status 409, an invalid one with 400.</summary>
    public async Task<UserProfile> CreateUserAsync(NewUser user, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync("api/users", user, Json, cancellationToken);
        return await ReadAsync<UserProfile>(response, "POST api/users", cancellationToken);
    }

    /// <summary>Returns a user's profile; an unknown user fails with status 404.</summary>
    public Task<UserProfile> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        GetAsync<UserProfile>($"api/users/{Uri.EscapeDataString(userName)}", cancellationToken);

    /// <summary>Starts an import of paths on the silo's machine for a user (created if missing); invalid input fails with status 400.</summary>
    public async Task<ImportProgress> StartImportAsync(string userName, IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var path = $"api/users/{Uri.EscapeDataString(userName)}/imports";
        using var response = await _http.PostAsJsonAsync(path, new NewImport(paths), Json, cancellationToken);
        return await ReadAsync<ImportProgress>(response, $"POST {path}", cancellationToken);
    }

    /// <summary>An import's progress or final report; an unknown id fails with status 404.</summary>
    public Task<ImportProgress> GetImportAsync(Guid importId, CancellationToken cancellationToken = default) =>
        GetAsync<ImportProgress>($"api/imports/{importId}", cancellationToken);

    /// <summary>An import's report per file (at most 1,000 from <paramref name="offset"/>), optionally of one status ("skipped", "failed", …).</summary>
    public Task<IReadOnlyList<ImportFileReport>> GetImportFilesAsync(Guid importId, string? status = null, int offset = 0, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ImportFileReport>>(
            $"api/imports/{importId}/files?offset={offset}" + (status is null ? "" : $"&status={Uri.EscapeDataString(status)}"), cancellationToken);

    /// <summary>A user's imports, newest first; an unknown user fails with status 404.</summary>
    public Task<IReadOnlyList<ImportProgress>> ListImportsAsync(string userName, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ImportProgress>>($"api/users/{Uri.EscapeDataString(userName)}/imports", cancellationToken);

    /// <summary>Cancels a running import; records stored so far stay.</summary>
    public async Task<ImportProgress> CancelImportAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        var path = $"api/imports/{importId}/cancel";
        using var response = await _http.PostAsync(path, content: null, cancellationToken);
        return await ReadAsync<ImportProgress>(response, $"POST {path}", cancellationToken);
    }

    /// <summary>Starts an export of all of a user's data: the caller's own (<paramref name="userName"/> null) or, for an admin, the named user's.</summary>
    public async Task<ExportStatus> StartExportAsync(string? userName, CancellationToken cancellationToken = default)
    {
        var path = $"{PrivacyPath(userName)}/exports";
        using var response = await _http.PostAsync(path, content: null, cancellationToken);
        return await ReadAsync<ExportStatus>(response, $"POST {path}", cancellationToken);
    }

    /// <summary>An export's state; an unknown (or expired) export fails with status 404.</summary>
    public Task<ExportStatus> GetExportAsync(string? userName, Guid exportId, CancellationToken cancellationToken = default) =>
        GetAsync<ExportStatus>($"{PrivacyPath(userName)}/exports/{exportId}", cancellationToken);

    /// <summary>Streams a ready export's zip into <paramref name="destination"/>; returns the bytes written.</summary>
    public async Task<long> DownloadExportAsync(string? userName, Guid exportId, Stream destination, CancellationToken cancellationToken = default)
    {
        var path = $"{PrivacyPath(userName)}/exports/{exportId}/download";
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync<object>(response, $"GET {path}", cancellationToken);
        }

        await using var zip = await response.Content.ReadAsStreamAsync(cancellationToken);
        var before = destination.CanSeek ? destination.Position : 0;
        await zip.CopyToAsync(destination, cancellationToken);
        return destination.CanSeek ? destination.Position - before : response.Content.Headers.ContentLength ?? -1;
    }

    /// <summary>Erases an account and all of its data, for good: the caller's own (<paramref name="userName"/> null, confirmed by <paramref name="confirm"/>) or, for an admin, the named user's.</summary>
    public async Task<ErasureReport> EraseAccountAsync(string? userName, string confirm, CancellationToken cancellationToken = default)
    {
        var path = userName is null ? "api/v1/me" : PrivacyPath(userName);
        using var request = new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent.Create(new EraseAccount(confirm), options: Json) };
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<ErasureReport>(response, $"DELETE {path}", cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>
    /// A read, retried while the cluster answers 503 (a silo was lost and its grains are moving) for up to
    /// <see cref="FailoverRetryLimit"/>, waiting as long as Retry-After says. Writes are never retried here.
    /// </summary>
    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await _http.GetAsync(path, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || since.Elapsed >= FailoverRetryLimit)
            {
                return await ReadAsync<T>(response, $"GET {path}", cancellationToken);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static string PrivacyPath(string? userName) =>
        userName is null ? "api/v1/privacy" : $"api/v1/privacy/users/{Uri.EscapeDataString(userName)}";

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new DatapunkApiException(response.StatusCode, ProblemText.From(response.StatusCode, body), request);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new DatapunkApiException(response.StatusCode, "The response had an empty body.", request);
    }
}
