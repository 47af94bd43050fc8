namespace Datapunk.Forge.Places;

/// <summary>
/// Stay-point detection over fixes in time order, in one pass: fixes join the current stay while they
/// are within <see cref="PlacesParameters.StayRadiusMetres"/> of its centroid; a fix farther away, or
/// one after a gap longer than <see cref="PlacesParameters.MaxGap"/>, closes it, and it counts when
/// it lasted <see cref="PlacesParameters.MinStay"/>. A night at home without fixes between the last
/// evening fix and the first morning one is one stay, as long as both are at home.
/// </summary>
internal sealed class StayDetector(PlacesParameters parameters)
{
    private readonly List<Stay> _stays = [];
    private double _sumLat;
    private double _sumLng;
    private int _count;
    private DateTimeOffset _first;
    private DateTimeOffset _last;

    public IReadOnlyList<Stay> Stays => _stays;

    public void Add(DateTimeOffset time, double lat, double lng)
    {
        if (_count > 0 && (time - _last > parameters.MaxGap || Geo.Metres(_sumLat / _count, _sumLng / _count, lat, lng) > parameters.StayRadiusMetres))
        {
            Close();
        }

        if (_count == 0)
        {
            _first = time;
        }

        _sumLat += lat;
        _sumLng += lng;
        _count++;
        _last = time;
    }

    /// <summary>Closes the stay in progress; call once after the last fix.</summary>
    public void Close()
    {
        if (_count > 0 && _last - _first >= parameters.MinStay)
        {
            _stays.Add(new Stay(_sumLat / _count, _sumLng / _count, _first, _last));
        }

        (_sumLat, _sumLng, _count) = (0, 0, 0);
    }
}
