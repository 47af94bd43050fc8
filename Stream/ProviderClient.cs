using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Limits;
using Datapunk.Streams.OAuth;

namespace Datapunk.Streams;

/// <summary>
/// One poll's (or one callback's) requests to a provider's API: each waits for the shared quota, goes
/// through the provider's resilience pipeline, carries a fresh access token, and on a 401 refreshes
/// the token and tries once more. Answers are JSON or a <see cref="ProviderResponseException"/>.
/// </summary>
public sealed class ProviderClient(
    ProviderSetup setup, HttpClient http, ProviderResilience resilience, ProviderQuota quota, IReadOnlyList<QuotaWindow> windows,
    ConnectionTokenSource tokens, ConnectionKey key)
{
    /// <summary>The connection (or, while an account is being connected, the user) these requests are made for.</summary>
    public ConnectionKey Key => key;

    /// <summary>The scopes the connection was authorized with (the provider's configured ones).</summary>
    public string Scopes => setup.Scopes;

    /// <summary>Requests sent, retries included.</summary>
    public int Requests { get; private set; }

    public ConnectionTokenSource Tokens => tokens;

    /// <summary>
    /// GETs <paramref name="pathOrUrl"/> (relative to the API base, or a link the API gave) as JSON. A
    /// link outside the API base is refused: the access token goes nowhere else.
    /// </summary>
    public Task<JsonNode> GetJsonAsync(string pathOrUrl, CancellationToken cancellationToken) => GetJsonAsync(pathOrUrl, null, cancellationToken);

    /// <summary>
    /// <see cref="GetJsonAsync(string, CancellationToken)"/> with request <paramref name="headers"/> the
    /// provider's protocol asks for (Microsoft Graph's <c>Prefer: odata.maxpagesize=…</c>).
    /// </summary>
    public async Task<JsonNode> GetJsonAsync(string pathOrUrl, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken) =>
        (await GetAsync(pathOrUrl, headers, ReadJsonAsync, cancellationToken))!;

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/> (relative to the API base) and reads the JSON answer, with the same limits and retries as a GET.</summary>
    public async Task<JsonNode> PostJsonAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, path, null, body.ToJsonString(), ReadJsonAsync, cancellationToken))!;

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/> for an answer without content (Google's <c>channels/stop</c>: 204).</summary>
    public Task PostAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, null, body.ToJsonString(), (_, _, _) => Task.FromResult(string.Empty), cancellationToken);

    /// <summary>PATCHes <paramref name="path"/> (relative to the API base) with <paramref name="body"/> as JSON and reads the JSON answer (Graph's subscription renewal).</summary>
    public async Task<JsonNode> PatchJsonAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Patch, path, null, body.ToJsonString(), ReadJsonAsync, cancellationToken))!;

    /// <summary>DELETEs <paramref name="path"/> (relative to the API base); the answer's body, if any, is not read.</summary>
    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, null, (_, _, _) => Task.FromResult(string.Empty), cancellationToken);

    /// <summary>
    /// Opens a signed download link the API gave (outside the API base: no access token goes with it) from byte
    /// <paramref name="from"/> on (a <c>Range</c> request when past 0), streaming: the caller reads the body and
    /// disposes the answer. A throttled or failing answer is a <see cref="ProviderUnavailableException"/> (with its
    /// Retry-After), any other error status a <see cref="ProviderResponseException"/> with the status.
    /// </summary>
    public async Task<HttpResponseMessage> OpenDownloadAsync(Uri url, long from, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (from > 0)
        {
            request.Headers.Range = new RangeHeaderValue(from, null);
        }

        Requests++;
        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headersTimeout.CancelAfter(setup.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headersTimeout.Token);
        }
        catch (HttpRequestException failed)
        {
            throw new ProviderUnavailableException($"{setup.Name}'s download {url.Host}{url.AbsolutePath} failed: {failed.InnerException?.Message ?? failed.Message}", null, failed);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var where = $"{url.Host}{url.AbsolutePath}";
            if (await ProviderResilience.IsTransientAsync(response))
            {
                throw new ProviderUnavailableException(
                    $"{setup.Name}'s download {where} answered {(int)response.StatusCode}", await ProviderResilience.RetryAfterOfAsync(response));
            }

            throw new ProviderResponseException($"{setup.Name}'s download {where} answered {(int)response.StatusCode}", status: response.StatusCode);
        }
    }

    /// <summary>
    /// GETs <paramref name="pathOrUrl"/> as JSON unless it is still what the entity tag
    /// <paramref name="etag"/> names (RFC 9110 If-None-Match): null when the API answers 304 Not Modified.
    /// </summary>
    public Task<JsonNode?> GetJsonUnlessMatchedAsync(string pathOrUrl, string etag, CancellationToken cancellationToken) =>
        GetAsync(pathOrUrl, new Dictionary<string, string>(StringComparer.Ordinal) { [IfNoneMatch] = etag }, ReadJsonAsync, cancellationToken);

    /// <summary>GETs <paramref name="pathOrUrl"/> as bytes (a message's MIME, Graph's <c>messages/{id}/$value</c>), with the same limits and retries as JSON.</summary>
    public async Task<byte[]> GetBytesAsync(string pathOrUrl, CancellationToken cancellationToken) =>
        (await GetAsync(pathOrUrl, null, (_, content, cancel) => content.ReadAsByteArrayAsync(cancel), cancellationToken))!;

    private const string IfNoneMatch = "If-None-Match";

    private Task<T?> GetAsync<T>(
        string pathOrUrl, IReadOnlyDictionary<string, string>? headers, Func<Uri, HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(HttpMethod.Get, pathOrUrl, headers, null, read, cancellationToken);

    /// <summary>The answer read by <paramref name="read"/>; null only for a 304 to a request with If-None-Match.</summary>
    private async Task<T?> SendAsync<T>(
        HttpMethod method, string pathOrUrl, IReadOnlyDictionary<string, string>? headers, string? json,
        Func<Uri, HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        var uri = Resolve(pathOrUrl);
        if (!setup.ApiBase.IsBaseOf(uri))
        {
            throw new ProviderResponseException($"{setup.Name} gave a link outside its API ({setup.ApiBase}): {Cut(pathOrUrl)}");
        }

        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.CurrentAsync(cancellationToken);
            using var response = await SendAsync(method, uri, token, headers, json, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                await tokens.RefreshAsync(cancellationToken);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotModified && headers?.ContainsKey(IfNoneMatch) == true)
            {
                return null;
            }

            if (await ProviderResilience.IsTransientAsync(response))
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new ProviderUnavailableException(
                    $"{setup.Name} answered {(int)response.StatusCode} to {method} {uri.PathAndQuery} after retries: {Cut(body)}", await ProviderResilience.RetryAfterOfAsync(response));
            }

            if (response.StatusCode == HttpStatusCode.Forbidden
                && (await GoogleErrorReasons.ReadAsync(response)).Contains(GoogleErrorReasons.InsufficientPermissions, StringComparer.Ordinal))
            {
                throw new AccessNotGrantedException(
                    $"{setup.Name} refused {method} {uri.PathAndQuery}: the account did not grant the scope it needs ({setup.Scopes}); connect it again and grant it.");
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new ProviderResponseException($"{setup.Name} answered {(int)response.StatusCode} to {method} {uri.PathAndQuery}: {Cut(body)}", status: response.StatusCode);
            }

            return await read(uri, response.Content, cancellationToken);
        }
    }

    private async Task<JsonNode> ReadJsonAsync(Uri uri, HttpContent content, CancellationToken cancellationToken)
    {
        var body = await content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(body) ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new ProviderResponseException($"{setup.Name} answered GET {uri.PathAndQuery} with malformed JSON: {Cut(body)}", exception);
        }
    }

    /// <summary>The address of <paramref name="pathOrUrl"/>: relative to the API base, or the link itself.</summary>
    public Uri Resolve(string pathOrUrl) => new(setup.ApiBase, pathOrUrl);

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri uri, string token, IReadOnlyDictionary<string, string>? headers, string? json, CancellationToken cancellationToken)
    {
        var attempt = resilience.AttemptFor(setup.RequestTimeout);
        return await resilience.For(setup.Name).ExecuteAsync(
            async cancel =>
            {
                await quota.AcquireAsync(windows, setup.QuotaWait, cancel);
                Requests++;
                return await attempt.ExecuteAsync(
                    async sendCancel =>
                    {
                        using var request = new HttpRequestMessage(method, uri);
                        if (json is not null)
                        {
                            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
                        }

                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                        {
                            request.Headers.TryAddWithoutValidation(name, value);
                        }

                        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, sendCancel);
                    },
                    cancel);
            },
            cancellationToken);
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
