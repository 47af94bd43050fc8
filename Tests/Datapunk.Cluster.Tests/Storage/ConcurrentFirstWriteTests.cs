using Orleans.Storage;

namespace Datapunk.Cluster.Tests.Storage;

/// <summary>
/// Two activations of the same grain write their first state at the same moment, as happens when
/// Orleans briefly allows a duplicate activation. Here two clusters share one service id, so every
/// grain is activated once in each and both write to the same row identity: the storage must keep
/// exactly one row per grain, accept one of two racing first writes and refuse the other with a
/// version conflict, and store what the accepted writes added.
/// </summary>
[Collection(ClusterProcessesCollection.Name)]
public sealed class ConcurrentFirstWriteTests(ClusterProcessesFixture processes, ITestOutputHelper output)
{
    private const int GrainCount = 500;

    [Fact]
    public async Task Racing_first_writes_of_500_fresh_grains_leave_one_row_each()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var first = processes.CreateCluster("race-a");
        await using var second = processes.CreateCluster("race-b");
        var serviceId = first.ClusterId;
        var firstSilo = await first.StartTestSilosAsync(1, cancellationToken, serviceId);
        var secondSilo = await second.StartTestSilosAsync(1, cancellationToken, serviceId);
        var a = await first.CreateClientAsync(firstSilo, TimeSpan.FromSeconds(30), cancellationToken, serviceId);
        var b = await second.CreateClientAsync(secondSilo, TimeSpan.FromSeconds(30), cancellationToken, serviceId);

        var keys = Enumerable.Range(0, GrainCount).Select(i => $"race-{i}-{Guid.NewGuid():N}").ToArray();
        var outcomes = new (bool A, bool B)[GrainCount];
        var unexpected = new List<string>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, GrainCount),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var fromA = TryAddAsync(a.GetGrain<ICounterGrain>(keys[i]), 1);
                var fromB = TryAddAsync(b.GetGrain<ICounterGrain>(keys[i]), 2);
                var results = await Task.WhenAll(fromA, fromB);
                outcomes[i] = (results[0].Accepted, results[1].Accepted);
                lock (unexpected)
                {
                    unexpected.AddRange(results.Where(r => r.Error is not null).Select(r => $"{keys[i]}: {r.Error}"));
                }
            });
        unexpected.ShouldBeEmpty("a racing write may only succeed or meet a version conflict");

        var rows = await first.Database.QueryAsync(
            """
            SELECT grain_id_extension, count(*)::int, max((convert_from(payload, 'UTF8')::jsonb ->> 'Total')::int)
            FROM orleans.grain_state WHERE service_id = @service AND grain_type = 'test-counter'
            GROUP BY grain_id_extension
            """,
            new Dictionary<string, object> { ["service"] = serviceId },
            reader => (Key: reader.GetString(0), Rows: reader.GetInt32(1), Total: reader.GetInt32(2)),
            cancellationToken);
        var byKey = rows.ToDictionary(row => row.Key, StringComparer.Ordinal);
        var raced = outcomes.Count(o => o.A != o.B);
        output.WriteLine($"{GrainCount} grains: {raced} pairs of first writes raced (one refused), {outcomes.Count(o => o.A && o.B)} ran one after the other.");

        var wrong = new List<string>();
        for (var i = 0; i < GrainCount; i++)
        {
            var expectedTotal = (outcomes[i].A ? 1 : 0) + (outcomes[i].B ? 2 : 0);
            if (!byKey.TryGetValue(keys[i], out var row))
            {
                wrong.Add($"{keys[i]}: no row (writes accepted: {outcomes[i]})");
            }
            else if (row.Rows != 1 || row.Total != expectedTotal)
            {
                wrong.Add($"{keys[i]}: {row.Rows} rows, total {row.Total}; expected 1 row with total {expectedTotal} (writes accepted: {outcomes[i]})");
            }
        }

        wrong.ShouldBeEmpty($"{wrong.Count} grains were stored wrongly:{Environment.NewLine}{string.Join(Environment.NewLine, wrong.Take(20))}");
        outcomes.ShouldAllBe(o => o.A || o.B, "one of two racing first writes must be accepted");
        raced.ShouldBeGreaterThan(0, "no two first writes raced, so the test proved nothing: both clusters activated the grains one after the other");
    }

    private static async Task<(bool Accepted, string? Error)> TryAddAsync(ICounterGrain counter, int amount)
    {
        try
        {
            await counter.AddAsync(amount);
            return (true, null);
        }
        catch (InconsistentStateException)
        {
            return (false, null);
        }
        catch (Exception exception)
        {
            return (false, $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
