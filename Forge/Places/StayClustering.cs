namespace Datapunk.Forge.Places;

/// <summary>
/// DBSCAN over stays by great-circle distance, with a grid of cells one radius wide so that each
/// stay only meets the stays of its own and the eight neighbouring cells (near-linear for the few
/// thousand stays a year makes). Returns the clusters; stays that are noise (with a minimum above 1) are left out.
/// </summary>
internal static class StayClustering
{
    private const double MetresPerDegree = Geo.EarthRadiusMetres * Math.PI / 180;

    public static List<List<Stay>> Cluster(IReadOnlyList<Stay> stays, double radiusMetres, int minStays)
    {
        // One longitude scale for all: that of the stay farthest from the equator, where a degree of
        // longitude is shortest, so that a column is at least a radius wide everywhere.
        var band = Math.Max(0.01, Math.Cos(double.DegreesToRadians(Math.Min(89, stays.Count == 0 ? 0 : stays.Max(stay => Math.Abs(stay.Lat))))));
        var grid = new Grid(band, radiusMetres, []);
        for (var i = 0; i < stays.Count; i++)
        {
            var cell = grid.Cell(stays[i]);
            if (!grid.Cells.TryGetValue(cell, out var members))
            {
                grid.Cells[cell] = members = [];
            }

            members.Add(i);
        }

        var labels = new int[stays.Count];
        var clusters = new List<List<Stay>>();
        for (var i = 0; i < stays.Count; i++)
        {
            if (labels[i] != 0)
            {
                continue;
            }

            var neighbours = Neighbours(stays, grid, i);
            if (neighbours.Count < minStays)
            {
                labels[i] = -1;
                continue;
            }

            var cluster = new List<Stay>();
            clusters.Add(cluster);
            var label = clusters.Count;
            var queue = new Queue<int>([i]);
            labels[i] = label;
            while (queue.TryDequeue(out var member))
            {
                cluster.Add(stays[member]);
                var around = member == i ? neighbours : Neighbours(stays, grid, member);
                if (around.Count < minStays)
                {
                    continue;
                }

                foreach (var next in around.Where(next => labels[next] <= 0))
                {
                    labels[next] = label;
                    queue.Enqueue(next);
                }
            }
        }

        return clusters;
    }

    private static List<int> Neighbours(IReadOnlyList<Stay> stays, Grid grid, int index)
    {
        var stay = stays[index];
        var (row, column) = grid.Cell(stay);
        var found = new List<int>();
        for (var dr = -1; dr <= 1; dr++)
        {
            for (var dc = -1; dc <= 1; dc++)
            {
                if (grid.Cells.TryGetValue((row + dr, column + dc), out var members))
                {
                    found.AddRange(members.Where(other => stays[other].MetresTo(stay.Lat, stay.Lng) <= grid.RadiusMetres));
                }
            }
        }

        return found;
    }

    /// <summary>Cells one radius high (latitude) and at least one radius wide (longitude scaled by <paramref name="Band"/>).</summary>
    private sealed record Grid(double Band, double RadiusMetres, Dictionary<(long, long), List<int>> Cells)
    {
        public (long Row, long Column) Cell(Stay stay) =>
            ((long)Math.Floor(stay.Lat * MetresPerDegree / RadiusMetres), (long)Math.Floor(stay.Lng * MetresPerDegree * Band / RadiusMetres));
    }
}
