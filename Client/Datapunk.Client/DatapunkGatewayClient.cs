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

    private const string ImportsPath = "api/v1/imports";

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

    /// <summary>
    /// Uploads one file with the tus protocol in pieces, resuming an upload of the same file (path,
    /// size and modification time) that an earlier call left unfinished, as remembered in
    /// <paramref name="resumeFolder"/>. <paramref name="name"/> (the file's name by default) is what the
    /// server shows and labels the import's entries by. Returns the finished upload's id.
    /// </summary>
    public Task<Guid> UploadAsync(
        string file, string resumeFolder, IProgress<long>? sent = null, string? name = null, CancellationToken cancellationToken = default) =>
        new Uploads.TusUploader(_http, resumeFolder).UploadAsync(file, name, sent, cancellationToken);

    /// <summary>Starts an import of the caller's finished uploads; their files leave the server when it ends unless <paramref name="keepOriginals"/>.</summary>
    public Task<ImportProgress> StartImportAsync(IReadOnlyList<Guid> uploads, bool keepOriginals = false, CancellationToken cancellationToken = default) =>
        PostImportAsync(new NewImport(Uploads: uploads, KeepOriginals: keepOriginals), cancellationToken);

    /// <summary>Starts an import of paths inside the server-side import folders the operator allowed; other paths fail with status 400.</summary>
    public Task<ImportProgress> StartImportOfPathsAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default) =>
        PostImportAsync(new NewImport(Paths: paths), cancellationToken);

    /// <summary>An import's progress or final report; an unknown id (or another user's import) fails with status 404.</summary>
    public Task<ImportProgress> GetImportAsync(Guid importId, CancellationToken cancellationToken = default) =>
        GetAsync<ImportProgress>($"{ImportsPath}/{importId}", cancellationToken);

    /// <summary>An import's report per file (at most 1,000 from <paramref name="offset"/>), optionally of one status ("skipped", "failed", …).</summary>
    public Task<IReadOnlyList<ImportFileReport>> GetImportFilesAsync(Guid importId, string? status = null, int offset = 0, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ImportFileReport>>(
            $"{ImportsPath}/{importId}/files?offset={offset}" + (status is null ? "" : $"&status={Uri.EscapeDataString(status)}"), cancellationToken);

    /// <summary>The caller's imports, newest first.</summary>
    public Task<IReadOnlyList<ImportProgress>> ListImportsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ImportProgress>>(ImportsPath, cancellationToken);

    /// <summary>Cancels a running import; records stored so far stay.</summary>
    public async Task<ImportProgress> CancelImportAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        var path = $"{ImportsPath}/{importId}/cancel";
        using var response = await _http.PostAsync(path, content: null, cancellationToken);
        return await ReadAsync<ImportProgress>(response, $"POST {path}", cancellationToken);
    }

    private async Task<ImportProgress> PostImportAsync(NewImport request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(ImportsPath, request, Json, cancellationToken);
        return await ReadAsync<ImportProgress>(response, $"POST {ImportsPath}", cancellationToken);
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
