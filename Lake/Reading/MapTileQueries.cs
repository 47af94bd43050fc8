namespace Datapunk.Lake.Reading;

/// <summary>Checks tile queries: a zoom the tiles are served at, a column and row that exist at it, a time range.</summary>
public static class MapTileQueries
{
    public const int MaxZoom = 22;

    /// <summary>What is wrong with a tile query, by parameter (<c>z</c>, <c>x</c>, <c>y</c>, <c>to</c>); nothing when it can run.</summary>
    public static QueryErrors Check(MapTileQuery query)
    {
        var errors = new QueryErrors();
        if (query.Z is < 0 or > MaxZoom)
        {
            errors.Add("z", $"The zoom must be between 0 and {MaxZoom}; it was {query.Z}.");
        }
        else
        {
            var last = (1 << query.Z) - 1;
            if (query.X < 0 || query.X > last)
            {
                errors.Add("x", $"At zoom {query.Z} the column x must be between 0 and {last}; it was {query.X}.");
            }

            if (query.Y < 0 || query.Y > last)
            {
                errors.Add("y", $"At zoom {query.Z} the row y must be between 0 and {last}; it was {query.Y}.");
            }
        }

        ReadingLimits.CheckRange(errors, query.From, query.To);
        return errors;
    }
}
