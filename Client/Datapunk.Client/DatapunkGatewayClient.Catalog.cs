namespace Datapunk.Client;

/// <summary>The caller's catalog (docs/catalog.md): datasets with quality and PII, one dataset in full, lineage, refresh.</summary>
public sealed partial class DatapunkGatewayClient
{
    /// <summary>Every dataset of the caller's last complete catalog refresh.</summary>
    public Task<CatalogOverview> GetCatalogAsync(CancellationToken cancellationToken = default) => GetAsync<CatalogOverview>("api/v1/catalog", cancellationToken);

    /// <summary>One dataset in full: schema, versions and drift, quality with failing rows, PII per field, trend, sources.</summary>
    public Task<CatalogDatasetDetail> GetCatalogDatasetAsync(string dataset, CancellationToken cancellationToken = default) =>
        GetAsync<CatalogDatasetDetail>($"api/v1/catalog/{Uri.EscapeDataString(dataset)}", cancellationToken);

    /// <summary>Where a record (<c>kind:identity</c>) came from and what was derived from it.</summary>
    public Task<LineageGraph> GetRecordLineageAsync(string record, CancellationToken cancellationToken = default) =>
        GetAsync<LineageGraph>($"api/v1/catalog/lineage?record={Uri.EscapeDataString(record)}", cancellationToken);

    /// <summary>What depends on a source file.</summary>
    public Task<LineageGraph> GetFileLineageAsync(long fileId, CancellationToken cancellationToken = default) =>
        GetAsync<LineageGraph>($"api/v1/catalog/lineage?file={fileId}", cancellationToken);

    /// <summary>Asks for a refresh of the caller's catalog; returns at once.</summary>
    public async Task RefreshCatalogAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync("api/v1/catalog/refresh", content: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync<object>(response, "POST api/v1/catalog/refresh", cancellationToken);
        }
    }
}
