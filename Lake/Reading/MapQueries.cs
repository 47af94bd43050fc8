namespace Datapunk.Lake.Reading;

/// <summary>Checks map queries: a box on Earth that does not cross the antimeridian, a time range, a bounded answer.</summary>
public static class MapQueries
{
    /// <summary>What is wrong with a map query whose limit may reach <paramref name="maxLimit"/>, by parameter (nothing when it can run).</summary>
    public static QueryErrors Check(MapQuery query, int maxLimit)
    {
        var errors = new QueryErrors();
        CheckBox(errors, query.Box);
        ReadingLimits.CheckRange(errors, query.From, query.To);
        ReadingLimits.CheckLimit(errors, query.Limit, maxLimit);
        return errors;
    }

    private static void CheckBox(QueryErrors errors, BoundingBox box)
    {
        if (!InRange(box.MinLng, 180) || !InRange(box.MaxLng, 180) || !InRange(box.MinLat, 90) || !InRange(box.MaxLat, 90))
        {
            errors.Add("bbox", "Longitudes must be within -180 and 180 and latitudes within -90 and 90 (bbox=minLng,minLat,maxLng,maxLat).");
        }
        else if (box.MinLng > box.MaxLng)
        {
            errors.Add("bbox", "The box's west edge is east of its east edge; a box across the antimeridian must be asked as two boxes.");
        }
        else if (box.MinLat > box.MaxLat)
        {
            errors.Add("bbox", "The box's south edge is north of its north edge (bbox=minLng,minLat,maxLng,maxLat).");
        }
    }

    private static bool InRange(double degrees, double bound) => double.IsFinite(degrees) && degrees >= -bound && degrees <= bound;
}
