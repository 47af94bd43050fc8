using System.Text.Json;
using Datapunk.Silo.Api;

namespace Datapunk.Silo.Web;

/// <summary>
/// Fetches another silo's <c>/api/silo/stats</c> for the dashboard. A silo that does not answer
/// within the client's timeout (1 s) is reported with the reason, never as an exception.
/// </summary>
public sealed class SiloStatsClient(HttpClient http)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public async Task<SiloStatsResult> FetchAsync(string? gatewayUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(gatewayUrl))
        {
            return SiloStatsResult.Failed("The silo lists no gateway URL.");
        }

        try
        {
            var stats = await http.GetFromJsonAsync<SiloStatsApi.SiloStats>($"{gatewayUrl.TrimEnd('/')}/api/silo/stats", cancellationToken);
            return stats is null ? SiloStatsResult.Failed("The silo answered with an empty body.") : SiloStatsResult.Succeeded(stats);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SiloStatsResult.Failed($"No answer within {Timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or NotSupportedException)
        {
            return SiloStatsResult.Failed(exception.Message);
        }
    }
}
