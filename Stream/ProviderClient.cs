using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    ConnectionTokenSource tokens)
{
    /// <summary>Requests sent, retries included.</summary>
    public int Requests { get; private set; }

    public ConnectionTokenSource Tokens => tokens;

    /// <summary>
    /// GETs <paramref name="pathOrUrl"/> (relative to the API base, or a link the API gave) as JSON. A
    /// link outside the API base is refused: the access token goes nowhere else.
    /// </summary>
    public async Task<JsonNode> GetJsonAsync(string pathOrUrl, CancellationToken cancellationToken) =>
        (await GetAsync(pathOrUrl, null, cancellationToken))!;

    /// <summary>
    /// GETs <paramref name="pathOrUrl"/> as JSON unless it is still what the entity tag
    /// <paramref name="etag"/> names (RFC 9110 If-None-Match): null when the API answers 304 Not Modified.
    /// </summary>
    public Task<JsonNode?> GetJsonUnlessMatchedAsync(string pathOrUrl, string etag, CancellationToken cancellationToken) =>
        GetAsync(pathOrUrl, etag, cancellationToken);

    private async Task<JsonNode?> GetAsync(string pathOrUrl, string? etag, CancellationToken cancellationToken)
    {
        var uri = Resolve(pathOrUrl);
        if (!setup.ApiBase.IsBaseOf(uri))
        {
            throw new ProviderResponseException($"{setup.Name} gave a link outside its API ({setup.ApiBase}): {Cut(pathOrUrl)}");
        }

        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.CurrentAsync(cancellationToken);
            using var response = await SendAsync(uri, token, etag, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                await tokens.RefreshAsync(cancellationToken);
                continue;
            }

            if (etag is not null && response.StatusCode == HttpStatusCode.NotModified)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (await ProviderResilience.IsTransientAsync(response))
            {
                throw new ProviderUnavailableException(
                    $"{setup.Name} answered {(int)response.StatusCode} to GET {uri.PathAndQuery} after retries: {Cut(body)}", await ProviderResilience.RetryAfterOfAsync(response));
            }

            if (response.StatusCode == HttpStatusCode.Forbidden
                && (await GoogleErrorReasons.ReadAsync(response)).Contains(GoogleErrorReasons.InsufficientPermissions, StringComparer.Ordinal))
            {
                throw new AccessNotGrantedException(
                    $"{setup.Name} refused GET {uri.PathAndQuery}: the account did not grant the scope it needs ({setup.Scopes}); connect it again and grant it.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderResponseException($"{setup.Name} answered {(int)response.StatusCode} to GET {uri.PathAndQuery}: {Cut(body)}", status: response.StatusCode);
            }

            try
            {
                return JsonNode.Parse(body) ?? throw new JsonException("The body is JSON null.");
            }
            catch (JsonException exception)
            {
                throw new ProviderResponseException($"{setup.Name} answered GET {uri.PathAndQuery} with malformed JSON: {Cut(body)}", exception);
            }
        }
    }

    /// <summary>The address of <paramref name="pathOrUrl"/>: relative to the API base, or the link itself.</summary>
    public Uri Resolve(string pathOrUrl) => new(setup.ApiBase, pathOrUrl);

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string token, string? etag, CancellationToken cancellationToken)
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
                        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        if (etag is not null)
                        {
                            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                        }

                        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, sendCancel);
                    },
                    cancel);
            },
            cancellationToken);
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
