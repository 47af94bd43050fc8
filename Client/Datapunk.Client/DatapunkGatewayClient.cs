using System.Net.Http.Json;
using System.Text.Json;

namespace Datapunk.Client;

/// <summary>
/// Datapunk's REST gateway (any silo's HTTP port) over <see cref="HttpClient"/>. Error statuses
/// become <see cref="DatapunkApiException"/>; an unreachable gateway surfaces as the
/// <see cref="HttpRequestException"/> (or timeout) it is, so callers can tell the two apart.
/// </summary>
public sealed partial class DatapunkGatewayClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a read keeps retrying while the cluster recovers from a lost silo.</summary>
    public static readonly TimeSpan FailoverRetryLimit = TimeSpan.FromSeconds(60);

    private const string ImportsPath = "api/v1/imports";
    private const string IngestTokensPath = "api/v1/me/ingest-tokens";

    private const string ActAsHeader = "Datapunk-Act-As";
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

    /// <summary>
    /// A client of the gateway at <paramref name="gateway"/> that authenticates with <paramref name="token"/>
    /// (a personal access token <c>dpat_…</c> or a session JWT; null for the anonymous routes: sign-in, health).
    /// </summary>
    public DatapunkGatewayClient(Uri gateway, string? token = null, TimeSpan? timeout = null)
    {
        // A base address without a trailing slash would drop its last path segment when combined with "api/...".
        var baseAddress = gateway.AbsoluteUri.EndsWith('/') ? gateway : new Uri(gateway.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? DefaultTimeout };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        _ownsHttp = true;
    }

    public Uri Gateway => _http.BaseAddress!;

    /// <summary>
    /// Makes every later request act for <paramref name="userName"/> (header <c>Datapunk-Act-As</c>): an
    /// administrator's token reaches that user's data, and the audit log records both. Null stops it.
    /// </summary>
    public void ActAs(string? userName)
    {
        _http.DefaultRequestHeaders.Remove(ActAsHeader);
        if (userName is not null)
        {
            _http.DefaultRequestHeaders.Add(ActAsHeader, userName);
        }
    }

    public Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ClusterStatus>("api/v1/cluster", cancellationToken);

    /// <summary>Who the token (or the user acted for) is.</summary>
    public Task<Me> GetMeAsync(CancellationToken cancellationToken = default) => GetAsync<Me>("api/v1/me", cancellationToken);

    /// <summary>Signs in with a password; anonymous. Wrong credentials fail with 401, a locked account with 423.</summary>
    public async Task<SessionGrant> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/auth/sign-in", new { userName, password }, Json, cancellationToken);
        return await ReadAsync<SessionGrant>(response, "POST api/v1/auth/sign-in", cancellationToken);
    }

    /// <summary>Creates a personal access token for the caller; its text is in the answer only.</summary>
    public async Task<IssuedToken> CreateTokenAsync(string name, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/me/tokens", new { name, scopes, expiresAt }, Json, cancellationToken);
        return await ReadAsync<IssuedToken>(response, "POST api/v1/me/tokens", cancellationToken);
    }

    /// <summary>Creates a user with a first token (administrators); a taken name fails with status 409, an invalid one with 400.</summary>
    public async Task<CreatedUser> CreateUserAsync(NewUser user, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/users", user, Json, cancellationToken);
        return await ReadAsync<CreatedUser>(response, "POST api/v1/users", cancellationToken);
    }

    /// <summary>Returns a user's profile (administrators); an unknown user fails with status 404.</summary>
    public Task<UserProfile> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        GetAsync<UserProfile>($"api/v1/users/{Uri.EscapeDataString(userName)}", cancellationToken);

    /// <summary>Changes the caller's (or, acting for a user, that user's) display name, e-mail address and time zone.</summary>
    public async Task<UserProfile> UpdateMeAsync(UpdateUserProfile update, CancellationToken cancellationToken = default)
    {
        const string path = "api/v1/me";
        using var response = await _http.PatchAsJsonAsync(path, update, Json, cancellationToken);
        return await ReadAsync<UserProfile>(response, $"PATCH {path}", cancellationToken);
    }

    /// <summary>Creates the user unless it exists (administrators): the local operator's <c>import --user NAME</c> needs no separate step.</summary>
    public async Task EnsureUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        var previous = _http.DefaultRequestHeaders.TryGetValues(ActAsHeader, out var values) ? values.First() : null;
        ActAs(null);
        try
        {
            await GetUserAsync(userName, cancellationToken);
        }
        catch (DatapunkApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            try
            {
                await CreateUserAsync(new NewUser(userName), cancellationToken);
            }
            catch (DatapunkApiException conflict) when (conflict.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // Created in between by someone else: just as good.
            }
        }
        finally
        {
            ActAs(previous);
        }
    }

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

    /// <summary>Creates an ingest token for a phone's tracker app; <see cref="IssuedIngestToken.Text"/> exists only in this answer.</summary>
    public async Task<IssuedIngestToken> CreateIngestTokenAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync(IngestTokensPath, new { name }, Json, cancellationToken);
        return await ReadAsync<IssuedIngestToken>(response, $"POST {IngestTokensPath}", cancellationToken);
    }

    /// <summary>The caller's ingest tokens, newest first (never their secrets).</summary>
    public Task<IReadOnlyList<IngestTokenInfo>> ListIngestTokensAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<IngestTokenInfo>>(IngestTokensPath, cancellationToken);

    /// <summary>Revokes one of the caller's ingest tokens; false when the caller has none of that id.</summary>
    public async Task<bool> RevokeIngestTokenAsync(Guid tokenId, CancellationToken cancellationToken = default)
    {
        var path = $"{IngestTokensPath}/{tokenId}";
        using var response = await _http.DeleteAsync(path, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DatapunkApiException(response.StatusCode, ProblemText.From(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)), $"DELETE {path}");
        }

        return true;
    }

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

    /// <summary>
    /// Deletes one of the caller's imports (or only its source file <paramref name="fileId"/>) and what was stored from it,
    /// or with <paramref name="dryRun"/> says what would go and what stays. Refused (409) when files holding the same
    /// records have no kept original, unless <paramref name="acceptLoss"/>.
    /// </summary>
    public async Task<ImportDeletion> DeleteImportAsync(
        Guid importId, long? fileId = null, bool dryRun = false, bool acceptLoss = false, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (fileId is { } file)
        {
            query.Add($"file={file}");
        }

        if (dryRun)
        {
            query.Add("dryRun=true");
        }

        if (acceptLoss)
        {
            query.Add("acceptLoss=true");
        }

        var path = $"{ImportsPath}/{importId}" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
        using var response = await _http.DeleteAsync(path, cancellationToken);
        return await ReadAsync<ImportDeletion>(response, $"DELETE {path}", cancellationToken);
    }

    private async Task<ImportProgress> PostImportAsync(NewImport request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(ImportsPath, request, Json, cancellationToken);
        return await ReadAsync<ImportProgress>(response, $"POST {ImportsPath}", cancellationToken);
    }

    /// <summary>
    /// One search over the caller's records (or, acting for a user, that user's), best first: full text,
    /// fuzzy and semantic, fused. <paramref name="kinds"/> narrows by kind name; pass the page's
    /// <see cref="SearchResults.Next"/> link back as <paramref name="next"/> for the page after it.
    /// <paramref name="methods"/> (<see cref="SearchMethods"/>) runs only those methods; null for all, fused.
    /// </summary>
    public Task<SearchResults> SearchAsync(
        string text, IReadOnlyList<string>? kinds = null, int? limit = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? next = null, CancellationToken cancellationToken = default, IReadOnlyList<string>? methods = null)
    {
        if (next is not null)
        {
            return GetAsync<SearchResults>(next.TrimStart('/'), cancellationToken);
        }

        var query = new List<string> { $"q={Uri.EscapeDataString(text)}" };
        query.AddRange((kinds ?? []).Select(kind => $"kind={Uri.EscapeDataString(kind)}"));
        query.AddRange((methods ?? []).Select(method => $"method={Uri.EscapeDataString(method)}"));
        if (limit is { } size)
        {
            query.Add($"limit={size}");
        }

        if (from is { } start)
        {
            query.Add($"from={Uri.EscapeDataString(start.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");
        }

        if (to is { } end)
        {
            query.Add($"to={Uri.EscapeDataString(end.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");
        }

        return GetAsync<SearchResults>("api/v1/search?" + string.Join('&', query), cancellationToken);
    }

    /// <summary>How far the embedding of the caller's records has come (semantic search joins as it does).</summary>
    public Task<SearchIndexStatus> GetSearchIndexStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SearchIndexStatus>("api/v1/search/index", cancellationToken);

    /// <summary>The caller's audit trail, newest first; pass the last page's <see cref="AuditTrailPage.NextBefore"/> for older entries.</summary>
    public Task<AuditTrailPage> GetAuditTrailAsync(long? before = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<AuditTrailPage>(
            "api/v1/privacy/audit?" + string.Join('&', new[] { before is null ? null : $"before={before}", limit is null ? null : $"limit={limit}" }.OfType<string>()),
            cancellationToken);

    /// <summary>Checks the whole audit chain (admin scope); a broken chain is a successful answer whose report says where.</summary>
    public Task<AuditVerificationReport> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        GetAsync<AuditVerificationReport>("api/v1/admin/audit/verify", cancellationToken);
    /// <summary>
    /// An answer to a question about the caller's own data (or, acting for a user, that user's), with the
    /// records it rests on. Not retried: a question may be slow to answer through a language model.
    /// </summary>
    public async Task<CortexAnswer> AskAsync(string question, CancellationToken cancellationToken = default)
    {
        const string path = "api/v1/ask";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new AskQuestion(question), options: Json) };
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<CortexAnswer>(response, $"POST {path}", cancellationToken);
    }

    /// <summary>Starts an export of all of the caller's data (or, acting for a user, that user's).</summary>
    public Task<ExportStatus> StartExportAsync(CancellationToken cancellationToken = default) => StartExportAsync(masked: false, cancellationToken);

    /// <summary>The same; <paramref name="masked"/>: one to share, with personal identifiers in its text masked.</summary>
    public async Task<ExportStatus> StartExportAsync(bool masked, CancellationToken cancellationToken = default)
    {
        var path = masked ? "api/v1/privacy/exports?masked=true" : "api/v1/privacy/exports";
        using var response = await _http.PostAsync(path, content: null, cancellationToken);
        return await ReadAsync<ExportStatus>(response, $"POST {path}", cancellationToken);
    }

    /// <summary>An export's state; an unknown (or expired) export fails with status 404.</summary>
    public Task<ExportStatus> GetExportAsync(Guid exportId, CancellationToken cancellationToken = default) =>
        GetAsync<ExportStatus>($"api/v1/privacy/exports/{exportId}", cancellationToken);

    /// <summary>Streams a ready export's zip into <paramref name="destination"/>; returns the bytes written.</summary>
    public async Task<long> DownloadExportAsync(Guid exportId, Stream destination, CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/privacy/exports/{exportId}/download";
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

    /// <summary>Erases the caller's account (or, acting for a user, that user's) and all of its data, for good; <paramref name="confirm"/> repeats its user id.</summary>
    public async Task<ErasureReport> EraseAccountAsync(string confirm, CancellationToken cancellationToken = default)
    {
        const string path = "api/v1/me";
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
