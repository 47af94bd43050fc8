using Datapunk.Client;
using Datapunk.Grains;

namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// The search half of the evaluation, through the REST gateway: waits until the background embedding
/// the import asked for has covered the person's records (timing it), then runs every judged query with
/// each method alone and with all of them fused, ten results each.
/// </summary>
internal static class SearchEvaluation
{
    /// <summary>The runs compared: each method alone, then the hybrid (null: every method, fused).</summary>
    public static readonly IReadOnlyList<string?> Runs = [SearchMethods.FullText, SearchMethods.Fuzzy, SearchMethods.Semantic, null];

    public const string Hybrid = "hybrid";

    private static readonly TimeSpan EmbeddingTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Waits for the embedding to cover every embeddable record; returns the status and the seconds since <paramref name="since"/>.</summary>
    public static async Task<(SearchIndexStatus Status, double Seconds)> WaitForEmbeddingAsync(
        DatapunkGatewayClient gateway, Stopwatch since, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await gateway.GetSearchIndexStatusAsync(cancellationToken);
            if (status is { Running: false, ServingModel: not null } && status.Embeddable > 0 && status.Embedded >= status.Embeddable)
            {
                return (status, since.Elapsed.TotalSeconds);
            }

            if (since.Elapsed > EmbeddingTimeout)
            {
                throw new TimeoutException($"The embedding did not cover the person's records within {EmbeddingTimeout}: {status}.");
            }

            await Task.Delay(1_000, cancellationToken);
        }
    }

    public static async Task<List<SearchOutcome>> RunAsync(
        DatapunkGatewayClient gateway, IReadOnlyList<SearchCase> cases, CancellationToken cancellationToken)
    {
        var outcomes = new List<SearchOutcome>();
        foreach (var method in Runs)
        {
            foreach (var judged in cases)
            {
                outcomes.Add(await SearchAsync(gateway, judged, method, cancellationToken));
            }
        }

        return outcomes;
    }

    private static async Task<SearchOutcome> SearchAsync(DatapunkGatewayClient gateway, SearchCase judged, string? method, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var page = await gateway.SearchAsync(
                judged.Query, limit: SearchOutcome.Depth, cancellationToken: cancellationToken, methods: method is null ? null : [method]);
            return new SearchOutcome(judged, method ?? Hybrid, [.. page.Results.Select(result => result.Title)], clock.Elapsed.TotalMilliseconds, null);
        }
        catch (DatapunkApiException exception)
        {
            return new SearchOutcome(judged, method ?? Hybrid, [], clock.Elapsed.TotalMilliseconds, $"HTTP {(int)exception.StatusCode}: {exception.Message}");
        }
    }
}
