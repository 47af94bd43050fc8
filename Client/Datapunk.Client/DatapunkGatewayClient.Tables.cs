using System.Net.Http.Headers;

namespace Datapunk.Client;

/// <summary>The caller's own tables (docs/catalog.md, "Uploaded tables"): preview and store a file, list, page through and delete tables.</summary>
public sealed partial class DatapunkGatewayClient
{
    private const string TablesPath = "api/v1/tables";

    /// <summary>What storing the file would give: inferred columns (with the corrections), the first rows, the delimiter and encoding detected.</summary>
    public Task<TablePreview> PreviewTableAsync(string path, TableUploadOptions options, CancellationToken cancellationToken = default) =>
        PostFileAsync<TablePreview>($"{TablesPath}/preview?{options.ToQuery(Path.GetFileName(path))}", path, cancellationToken);

    /// <summary>Stores the file as the caller's table <paramref name="name"/>; a taken name fails with 409 unless <paramref name="replace"/>, a bad value with 422.</summary>
    public Task<UserTable> UploadTableAsync(string path, string name, TableUploadOptions options, bool replace, CancellationToken cancellationToken = default) =>
        PostFileAsync<UserTable>(
            $"{TablesPath}?name={Uri.EscapeDataString(name)}&replace={(replace ? "true" : "false")}&{options.ToQuery(Path.GetFileName(path))}", path, cancellationToken);

    public Task<IReadOnlyList<UserTable>> ListTablesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<UserTable>>(TablesPath, cancellationToken);

    /// <summary>The table's description and up to <paramref name="limit"/> rows from the <paramref name="offset"/>-th; an unknown name fails with 404.</summary>
    public Task<UserTableRows> GetTableAsync(string name, long offset = 0, int limit = 20, CancellationToken cancellationToken = default) =>
        GetAsync<UserTableRows>($"{TablesPath}/{Uri.EscapeDataString(name)}?offset={offset}&limit={limit}", cancellationToken);

    /// <summary>Deletes the table; an unknown name fails with 404.</summary>
    public async Task DeleteTableAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = $"{TablesPath}/{Uri.EscapeDataString(name)}";
        using var response = await _http.DeleteAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DatapunkApiException(response.StatusCode, ProblemText.From(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)), $"DELETE {path}");
        }
    }

    private async Task<T> PostFileAsync<T>(string path, string file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.Asynchronous);
        using var content = new StreamContent(stream, 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PostAsync(path, content, cancellationToken);
        return await ReadAsync<T>(response, $"POST {path[..path.IndexOf('?')]}", cancellationToken);
    }
}
