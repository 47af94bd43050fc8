using System.Net.Http.Json;

namespace Datapunk.Client;

/// <summary>Live-source connections (<c>/api/v1/connections</c>): ids are <c>provider:account</c>.</summary>
public sealed partial class DatapunkGatewayClient
{
    private const string ConnectionsPath = "api/v1/connections";

    /// <summary>The caller's connections with their status.</summary>
    public Task<IReadOnlyList<ConnectionStatus>> ListConnectionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ConnectionStatus>>(ConnectionsPath, cancellationToken);

    /// <summary>Begins connecting an account of <paramref name="provider"/>: the URL to open in a browser.</summary>
    public Task<ConnectionStart> StartConnectionAsync(string provider, CancellationToken cancellationToken = default) =>
        PostConnectionAsync<ConnectionStart>(Uri.EscapeDataString(provider), cancellationToken);

    /// <summary>Polls the connection now.</summary>
    public Task<ConnectionSync> SyncConnectionAsync(string id, CancellationToken cancellationToken = default) =>
        PostConnectionAsync<ConnectionSync>($"{Uri.EscapeDataString(id)}/sync", cancellationToken);

    public Task<ConnectionStatus> PauseConnectionAsync(string id, CancellationToken cancellationToken = default) =>
        PostConnectionAsync<ConnectionStatus>($"{Uri.EscapeDataString(id)}/pause", cancellationToken);

    public Task<ConnectionStatus> ResumeConnectionAsync(string id, CancellationToken cancellationToken = default) =>
        PostConnectionAsync<ConnectionStatus>($"{Uri.EscapeDataString(id)}/resume", cancellationToken);

    /// <summary>Removes the connection and forgets its tokens; the records it stored stay.</summary>
    public async Task RemoveConnectionAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = $"{ConnectionsPath}/{Uri.EscapeDataString(id)}";
        using var response = await _http.DeleteAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new DatapunkApiException(response.StatusCode, ProblemText.From(response.StatusCode, body), $"DELETE {path}");
        }
    }

    private async Task<T> PostConnectionAsync<T>(string relative, CancellationToken cancellationToken)
    {
        var path = $"{ConnectionsPath}/{relative}";
        using var response = await _http.PostAsync(path, JsonContent.Create(new { }), cancellationToken);
        return await ReadAsync<T>(response, $"POST {path}", cancellationToken);
    }
}
