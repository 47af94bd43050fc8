using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// Adds up the extents of parts of a time range, each read as count, box (E7: min lng, min lat, max lng,
/// max lat) and first and last time in columns 0 to 6, into the range's <see cref="MapExtent"/>.
/// </summary>
internal sealed class ExtentTotal
{
    private long _fixes;
    private int _minLng = int.MaxValue, _minLat = int.MaxValue, _maxLng = int.MinValue, _maxLat = int.MinValue;
    private DateTimeOffset? _first, _last;

    public void Add(NpgsqlDataReader part)
    {
        var fixes = part.GetInt64(0);
        if (fixes == 0)
        {
            return;
        }

        _fixes += fixes;
        _minLng = Math.Min(_minLng, part.GetInt32(1));
        _minLat = Math.Min(_minLat, part.GetInt32(2));
        _maxLng = Math.Max(_maxLng, part.GetInt32(3));
        _maxLat = Math.Max(_maxLat, part.GetInt32(4));
        var (first, last) = (StoredTime.Required(part, 5), StoredTime.Required(part, 6));
        _first = _first is null || first < _first ? first : _first;
        _last = _last is null || last > _last ? last : _last;
    }

    public MapExtent ToExtent() => _fixes == 0
        ? new MapExtent(0, null, null, null)
        : new MapExtent(_fixes, new BoundingBox(_minLng / 1e7, _minLat / 1e7, _maxLng / 1e7, _maxLat / 1e7), _first, _last);
}
