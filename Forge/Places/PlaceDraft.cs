namespace Datapunk.Forge.Places;

/// <summary>A place while a version is built or edited: its stays, and the figures computed from them.</summary>
internal sealed class PlaceDraft(Guid id, string? name, string nameSource, List<Stay> stays)
{
    public Guid Id { get; set; } = id;

    public string? Name { get; set; } = name;

    public string NameSource { get; set; } = nameSource;

    public List<Stay> Stays { get; } = stays;

    /// <summary>The dwell-weighted centre of its stays (each at least a minute, so instant visits count).</summary>
    public (double Lat, double Lng) Centre
    {
        get
        {
            double weights = 0, lat = 0, lng = 0;
            foreach (var stay in Stays)
            {
                var weight = Math.Max(60, stay.Seconds);
                (weights, lat, lng) = (weights + weight, lat + stay.Lat * weight, lng + stay.Lng * weight);
            }

            return (lat / weights, lng / weights);
        }
    }

    public long DwellSeconds => Stays.Sum(stay => stay.Seconds);

    public DateTimeOffset FirstVisit => Stays.Min(stay => stay.Arrived);

    public DateTimeOffset LastVisit => Stays.Max(stay => stay.Left);

    /// <summary>Visits: stays in time order, those less than <paramref name="gap"/> after the one before counting with it.</summary>
    public int Visits(TimeSpan gap) => VisitStarts(gap).Count();

    /// <summary>When each visit began (<see cref="Visits"/>).</summary>
    public IEnumerable<DateTimeOffset> VisitStarts(TimeSpan gap)
    {
        DateTimeOffset? previousLeft = null;
        foreach (var stay in Stays.OrderBy(stay => stay.Arrived))
        {
            if (previousLeft is not { } left || stay.Arrived - left >= gap)
            {
                yield return stay.Arrived;
            }

            previousLeft = previousLeft is { } last && last > stay.Left ? last : stay.Left;
        }
    }

    /// <summary>How far its stays reach from its centre, at least <paramref name="minimum"/> metres.</summary>
    public double RadiusMetres(double minimum)
    {
        var (lat, lng) = Centre;
        return Math.Max(minimum, Stays.Max(stay => stay.MetresTo(lat, lng)));
    }

    /// <summary>The name the export's visits give it most often, or null.</summary>
    public string? ExportName() =>
        Stays.Where(stay => stay.Name is not null).GroupBy(stay => stay.Name!).OrderByDescending(names => names.Count()).ThenBy(names => names.Key, StringComparer.Ordinal)
            .Select(names => names.Key).FirstOrDefault();

    public SignificantPlace ToPlace(PlacesParameters parameters)
    {
        var (lat, lng) = Centre;
        return new SignificantPlace(Id, Name, NameSource, new GeoPoint(lat, lng), Math.Round(RadiusMetres(parameters.StayRadiusMetres / 2), 1),
            Visits(parameters.VisitGap), DwellSeconds, FirstVisit, LastVisit);
    }
}
