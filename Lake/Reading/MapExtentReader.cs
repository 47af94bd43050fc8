using Datapunk.Lake.Model;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// How many fixes a user has in a time range, the box around them and their first and last time: what a
/// map needs to fit them. The whole months of the range come from their kept extents
/// (<see cref="FixMonthExtents"/>): only months the user has a partition leaf for, each scanned once after
/// its last change; the parts of months at either end are scanned.
/// </summary>
public sealed class MapExtentReader(NpgsqlDataSource dataSource)
{
    // Fixes are kept from 1970 to a couple of days ahead (ChunkingSink): no leaf lies outside these months.
    private static readonly int FirstMonth = PartitionMonth.Of(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    private static readonly int LastMonth = PartitionMonth.Of(new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private const string ScanRange = """
        SELECT count(*), min(p.lng_e7), min(p.lat_e7), max(p.lng_e7), max(p.lat_e7), min(p.time), max(p.time)
        FROM timeseries.location_points p
        WHERE p.user_id = $1 AND p.time >= $2 AND p.time < $3
        """;

    private const string ExistingLeaves = """
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = 'timeseries'::regnamespace AND c.relname = ANY($1::text[])
        """;

    public async Task<MapExtent> ReadAsync(string userId, TimeRange range, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        ReadingLimits.CheckRange(errors, range.From, range.To);
        errors.ThrowIfAny();
        var (start, end) = (TimeBounds.Start(range.From), TimeBounds.End(range.To));
        var total = new ExtentTotal();
        await using var read = await ReadTransaction.BeginKeepingAsync(dataSource, userId, cancellationToken);
        var (firstWhole, lastWhole) = WholeMonths(start, end);
        if (firstWhole > lastWhole)
        {
            await ScanAsync(read, userId, start, end, total, cancellationToken);
        }
        else
        {
            await ScanAsync(read, userId, start, FixMonthExtents.MonthStart(firstWhole), total, cancellationToken);
            var months = await MonthsWithLeavesAsync(read, userId, firstWhole, lastWhole, cancellationToken);
            await FixMonthExtents.ReadAsync(read.Connection, read.Transaction, userId, months, total.Add, cancellationToken);
            await ScanAsync(read, userId, FixMonthExtents.MonthStart(lastWhole + 1), end, total, cancellationToken);
        }

        await read.CommitAsync(cancellationToken);
        return total.ToExtent();
    }

    /// <summary>The first and last month lying wholly in [start, end), within the months fixes can have.</summary>
    private static (int First, int Last) WholeMonths(DateTime start, DateTime end)
    {
        var first = PartitionMonth.Of(start);
        if (FixMonthExtents.MonthStart(first) < start)
        {
            first++;
        }

        var last = PartitionMonth.Of(end) - 1;
        return (Math.Max(first, FirstMonth), Math.Min(last, LastMonth));
    }

    private static async Task ScanAsync(ReadTransaction read, string userId, DateTime from, DateTime until, ExtentTotal total, CancellationToken cancellationToken)
    {
        if (from >= until)
        {
            return;
        }

        await using var command = read.Command(ScanRange);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = until });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        total.Add(reader);
    }

    /// <summary>The months from <paramref name="first"/> to <paramref name="last"/> the user has a partition leaf for: the only ones that can hold fixes.</summary>
    private static async Task<List<int>> MonthsWithLeavesAsync(ReadTransaction read, string userId, int first, int last, CancellationToken cancellationToken)
    {
        var byLeaf = Enumerable.Range(first, last - first + 1).ToDictionary(month => LocationPartitions.LeafName(month, userId), StringComparer.Ordinal);
        var months = new List<int>();
        await using var command = read.Command(ExistingLeaves);
        command.Parameters.Add(new NpgsqlParameter { Value = byLeaf.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            months.Add(byLeaf[reader.GetString(0)]);
        }

        months.Sort();
        return months;
    }
}
