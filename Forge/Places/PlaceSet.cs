namespace Datapunk.Forge.Places;

/// <summary>
/// The places of one version in memory, and the user's edits on them: rename, merge, split by time
/// or by distance. The same code applies an edit when the user makes it and applies every edit again,
/// in order, to each newly trained version.
/// </summary>
internal sealed class PlaceSet(List<PlaceDraft> places, PlacesParameters parameters)
{
    public List<PlaceDraft> Places { get; } = places;

    public PlacesParameters Parameters { get; } = parameters;

    public PlaceDraft? Find(Guid id) => Places.FirstOrDefault(place => place.Id == id);

    /// <summary>The place nearest to a point, if the point is within its radius (or the match distance).</summary>
    public PlaceDraft? FindAt(double lat, double lng) =>
        Places.Select(place => (Place: place, Metres: Geo.Metres(place.Centre.Lat, place.Centre.Lng, lat, lng)))
            .Where(candidate => candidate.Metres <= Math.Max(Parameters.MatchMetres, candidate.Place.RadiusMetres(0)))
            .OrderBy(candidate => candidate.Metres)
            .Select(candidate => candidate.Place)
            .FirstOrDefault();

    /// <summary>Applies an edit made earlier; an edit whose place is gone (or already merged) changes nothing.</summary>
    public void Apply(PlaceEdit edit)
    {
        if (FindAt(edit.Lat, edit.Lng) is not { } place)
        {
            return;
        }

        switch (edit.Operation)
        {
            case PlaceEdit.Rename when edit.Name is { } name:
                Rename(place, name);
                break;
            case PlaceEdit.Merge when edit.OtherLat is { } lat && edit.OtherLng is { } lng && FindAt(lat, lng) is { } other && other != place:
                Merge(place, other);
                break;
            case PlaceEdit.SplitTime when edit.SplitAt is { } at:
                SplitByTime(place, at);
                break;
            case PlaceEdit.SplitDistance when edit.SplitRadiusMetres is { } radius:
                SplitByDistance(place, radius);
                break;
        }
    }

    public static void Rename(PlaceDraft place, string name)
    {
        place.Name = name;
        place.NameSource = PlaceNameSources.User;
    }

    /// <summary>The other place's stays become the place's; it keeps its id and name (or takes the other's when it had none).</summary>
    public void Merge(PlaceDraft place, PlaceDraft other)
    {
        place.Stays.AddRange(other.Stays);
        if (place.Name is null && other.Name is not null)
        {
            (place.Name, place.NameSource) = (other.Name, other.NameSource);
        }

        Places.Remove(other);
    }

    /// <summary>Stays from <paramref name="at"/> on become a new place; nothing happens when either side would be empty.</summary>
    public IReadOnlyList<PlaceDraft> SplitByTime(PlaceDraft place, DateTimeOffset at)
    {
        var later = place.Stays.Where(stay => stay.Arrived >= at).ToList();
        if (later.Count == 0 || later.Count == place.Stays.Count)
        {
            return [place];
        }

        place.Stays.RemoveAll(later.Contains);
        return [place, Add(later)];
    }

    /// <summary>Clusters the place's stays again with a smaller radius: the part with the most dwell keeps the place's id and name.</summary>
    public IReadOnlyList<PlaceDraft> SplitByDistance(PlaceDraft place, double radiusMetres)
    {
        var parts = StayClustering.Cluster(place.Stays, radiusMetres, 1).OrderByDescending(part => part.Sum(stay => stay.Seconds)).ToList();
        if (parts.Count < 2)
        {
            return [place];
        }

        place.Stays.Clear();
        place.Stays.AddRange(parts[0]);
        return [place, .. parts.Skip(1).Select(Add)];
    }

    private PlaceDraft Add(List<Stay> stays)
    {
        var name = stays.Where(stay => stay.Name is not null).Select(stay => stay.Name).FirstOrDefault();
        var place = new PlaceDraft(Guid.NewGuid(), name, name is null ? PlaceNameSources.None : PlaceNameSources.Export, stays);
        Places.Add(place);
        return place;
    }
}
