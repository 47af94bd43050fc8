using System.Diagnostics;
using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// Refreshes one user's catalog (docs/catalog.md): finds the datasets, describes each one's fields, measures its quality
/// and counts its PII in one read-only snapshot under the user's row-level security, then replaces the stored catalog in
/// one transaction (<see cref="CatalogSnapshotStore"/>). Returns how long it took.
/// </summary>
public sealed class CatalogRefresher(NpgsqlDataSource dataSource, CatalogRefreshRequests requests, TimeProvider time)
{
    public async Task<TimeSpan> RefreshAsync(string userId, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        await requests.StartAsync(userId, cancellationToken);
        var measured = new List<MeasuredDataset>();
        await using (var read = await ReadTransaction.BeginAsync(dataSource, userId, CatalogLimits.StatementTimeoutSeconds, cancellationToken))
        {
            var datasets = new List<DatasetFacts>(await SilverDatasetScan.FindAsync(read, userId, cancellationToken));
            datasets.AddRange(await DerivedDatasetScan.FindAsync(read, userId, cancellationToken));
            foreach (var dataset in datasets)
            {
                var fields = await SchemaSampler.DescribeAsync(read, userId, dataset, cancellationToken);
                var quality = await DatasetQuality.MeasureAsync(read, userId, dataset, startedAt, cancellationToken);
                var pii = new List<PiiFieldFindings>(await PiiSampler.ScanAsync(read, userId, dataset, cancellationToken));
                if (await HomeLocationFinder.FindAsync(read, userId, dataset, cancellationToken) is { } home)
                {
                    pii.Add(home);
                }

                measured.Add(new MeasuredDataset(dataset, fields, quality, pii));
            }
        }

        await CatalogSnapshotStore.SaveAsync(dataSource, userId, measured, startedAt, clock.ElapsedMilliseconds, cancellationToken);
        return clock.Elapsed;
    }
}
