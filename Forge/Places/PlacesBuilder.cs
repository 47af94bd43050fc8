namespace Datapunk.Forge.Places;

/// <summary>
/// Stays to places: an export's visit wins over the stays found in fixes for the same time; the stays
/// are clustered (<see cref="StayClustering"/>); a cluster is a place when it was visited often enough
/// or long enough; its name is the one the export's visits give it most often, else the name source's
/// (the gazetteer's hook), else none.
/// </summary>
internal static class PlacesBuilder
{
    public static async Task<List<PlaceDraft>> BuildAsync(
        IReadOnlyList<Stay> fixStays, IReadOnlyList<Stay> visits, PlacesParameters parameters, IPlaceNameSource names, CancellationToken cancellationToken)
    {
        var stays = WithoutOverlaps(fixStays, visits);
        var places = new List<PlaceDraft>();
        foreach (var cluster in StayClustering.Cluster(stays, parameters.ClusterRadiusMetres, parameters.MinStaysPerCore))
        {
            var place = new PlaceDraft(Guid.NewGuid(), null, PlaceNameSources.None, cluster);
            if (place.Visits(parameters.VisitGap) < parameters.MinVisits && place.DwellSeconds < parameters.MinDwell.TotalSeconds)
            {
                continue;
            }

            if (place.ExportName() is { } exported)
            {
                (place.Name, place.NameSource) = (exported, PlaceNameSources.Export);
            }
            else if (await names.NameAsync(place.Centre.Lat, place.Centre.Lng, cancellationToken) is { } named)
            {
                (place.Name, place.NameSource) = (named, PlaceNameSources.Gazetteer);
            }

            places.Add(place);
        }

        return places;
    }

    /// <summary>Every visit, and the stays from fixes that overlap no visit: the export already said where the person was then.</summary>
    private static List<Stay> WithoutOverlaps(IReadOnlyList<Stay> fixStays, IReadOnlyList<Stay> visits)
    {
        var sorted = visits.OrderBy(visit => visit.Arrived).ToList();
        var kept = new List<Stay>(sorted);
        var next = 0;
        foreach (var stay in fixStays.OrderBy(stay => stay.Arrived))
        {
            // Stays come in time order, so visits that ended before this stay arrived are done with for good.
            while (next < sorted.Count && sorted[next].Left <= stay.Arrived)
            {
                next++;
            }

            var overlaps = false;
            for (var i = next; i < sorted.Count && sorted[i].Arrived < stay.Left; i++)
            {
                overlaps |= sorted[i].Left > stay.Arrived;
            }

            if (!overlaps)
            {
                kept.Add(stay);
            }
        }

        return kept;
    }
}
