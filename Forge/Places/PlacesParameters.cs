namespace Datapunk.Forge.Places;

/// <summary>The knobs of the places model, recorded with every version it trains (<see cref="ToDictionary"/>).</summary>
internal sealed record PlacesParameters
{
    /// <summary>How far fixes may be from a stay's centroid: GPS noise indoors is tens of metres.</summary>
    public double StayRadiusMetres { get; init; } = 100;

    public TimeSpan MinStay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A longer silence between two fixes ends a stay even at the same spot.</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromHours(12);

    /// <summary>DBSCAN's eps over stays: stays this close belong to one place.</summary>
    public double ClusterRadiusMetres { get; init; } = 150;

    /// <summary>DBSCAN's minimum neighbourhood; 1 lets one long stay (a hotel on a trip) be a place.</summary>
    public int MinStaysPerCore { get; init; } = 1;

    /// <summary>Stays at one place closer together than this are one visit (a fix that strayed, a walk to the car).</summary>
    public TimeSpan VisitGap { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>A place needs this many visits, or <see cref="MinDwell"/>, to be significant.</summary>
    public int MinVisits { get; init; } = 2;

    public TimeSpan MinDwell { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Fixes less precise than this are left out.</summary>
    public int MaxAccuracyMetres { get; init; } = 200;

    /// <summary>A place is found again (by an edit's anchor, by the previous version) within its radius or this, whichever is larger.</summary>
    public double MatchMetres { get; init; } = 100;

    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["stay_radius_m"] = StayRadiusMetres,
        ["min_stay_minutes"] = MinStay.TotalMinutes,
        ["max_gap_hours"] = MaxGap.TotalHours,
        ["cluster_radius_m"] = ClusterRadiusMetres,
        ["min_stays_per_core"] = MinStaysPerCore,
        ["visit_gap_minutes"] = VisitGap.TotalMinutes,
        ["min_visits"] = MinVisits,
        ["min_dwell_hours"] = MinDwell.TotalHours,
        ["max_accuracy_m"] = MaxAccuracyMetres,
        ["match_m"] = MatchMetres,
    };
}
