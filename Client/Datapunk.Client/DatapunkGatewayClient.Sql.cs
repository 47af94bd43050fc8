using System.Net.Http.Json;

namespace Datapunk.Client;

public sealed partial class DatapunkGatewayClient
{
    /// <summary>
    /// Runs one read-only query in the SQL workbench over the caller's own views (<c>POST /api/v1/sql</c>); a query
    /// PostgreSQL refuses is a <see cref="DatapunkApiException"/> (400) whose problem quotes its message.
    /// </summary>
    public async Task<SqlResult> RunSqlAsync(string sql, int? limit = null, bool unmasked = false, CancellationToken cancellationToken = default)
    {
        const string path = "api/v1/sql";
        using var response = await _http.PostAsJsonAsync(path, new { sql, limit, unmasked }, Json, cancellationToken);
        return await ReadAsync<SqlResult>(response, $"POST {path}", cancellationToken);
    }
}
