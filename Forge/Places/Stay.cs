namespace Datapunk.Forge.Places;

/// <summary>
/// A span of time spent at one spot: found in the fixes (<see cref="StayDetector"/>) or given by the
/// export as a visit, which then also names it.
/// </summary>
internal sealed record Stay(double Lat, double Lng, DateTimeOffset Arrived, DateTimeOffset Left, string? Name = null)
{
    public long Seconds => (long)(Left - Arrived).TotalSeconds;

    public double MetresTo(double lat, double lng) => Geo.Metres(Lat, Lng, lat, lng);
}
