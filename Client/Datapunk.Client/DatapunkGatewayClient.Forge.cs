using System.Net.Http.Json;

namespace Datapunk.Client;

/// <summary>The caller's models (docs/forge.md): places, home, work and routines, unusual days, and the models' versions.</summary>
public sealed partial class DatapunkGatewayClient
{
    /// <summary>The caller's significant places, most dwell first.</summary>
    public Task<PlaceList> ListPlacesAsync(CancellationToken cancellationToken = default) => GetAsync<PlaceList>("api/v1/places", cancellationToken);

    /// <summary>Home, work and weekly routines.</summary>
    public Task<RoutinesView> GetRoutinesAsync(CancellationToken cancellationToken = default) => GetAsync<RoutinesView>("api/v1/routines", cancellationToken);

    /// <summary>Unusual local days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public Task<AnomalyList> ListAnomaliesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        GetAsync<AnomalyList>($"api/v1/anomalies?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", cancellationToken);

    /// <summary>Every model kind with its versions.</summary>
    public Task<IReadOnlyList<ModelOverview>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ModelOverview>>("api/v1/models", cancellationToken);

    /// <summary>Asks for a training run of the model; returns at once (the run goes on in the background).</summary>
    public Task<ModelOverview> TrainModelAsync(string kind, CancellationToken cancellationToken = default) =>
        PostModelAsync($"api/v1/models/{Uri.EscapeDataString(kind)}/train", null, cancellationToken);

    public Task<ModelOverview> PromoteModelAsync(string kind, int version, CancellationToken cancellationToken = default) =>
        PostModelAsync($"api/v1/models/{Uri.EscapeDataString(kind)}/promote", new { version }, cancellationToken);

    public Task<ModelOverview> RollbackModelAsync(string kind, CancellationToken cancellationToken = default) =>
        PostModelAsync($"api/v1/models/{Uri.EscapeDataString(kind)}/rollback", null, cancellationToken);

    private async Task<ModelOverview> PostModelAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = body is null
            ? await _http.PostAsync(path, content: null, cancellationToken)
            : await _http.PostAsJsonAsync(path, body, Json, cancellationToken);
        return await ReadAsync<ModelOverview>(response, $"POST {path}", cancellationToken);
    }
}
