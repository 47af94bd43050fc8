namespace Datapunk.Forge.Places;

/// <summary>Distances on the earth as a sphere, which is within 0.5 % at the scale of places.</summary>
internal static class Geo
{
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>The great-circle distance in metres (haversine).</summary>
    public static double Metres(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLng = double.DegreesToRadians(lng2 - lng1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
