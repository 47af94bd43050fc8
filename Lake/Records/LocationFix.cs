namespace Datapunk.Lake;

/// <summary>
/// One timestamped position fix, from location records, timeline paths or raw signals. Its
/// identity (<see cref="FixMatching"/>) is its time, position and device, each to the precision
/// the export wrote it with: the same fix from Records.json (E7 integers, milliseconds) and from a
/// phone's Timeline export (degrees with 6 decimals, whole seconds) is one fix.
/// </summary>
/// <param name="Time">When the fix was taken, UTC.</param>
/// <param name="LatitudeE7">Latitude in degrees × 10^7.</param>
/// <param name="LongitudeE7">Longitude in degrees × 10^7.</param>
/// <param name="AccuracyMeters">Horizontal accuracy radius, when known.</param>
/// <param name="AltitudeMeters">Altitude, when known.</param>
/// <param name="VelocityMps">Speed in metres per second, when known.</param>
/// <param name="Heading">Heading in degrees, when known.</param>
/// <param name="Source">Where the fix came from (GPS, WIFI, CELL, timelinePath, …), when known.</param>
public readonly record struct LocationFix(
    DateTime Time,
    int LatitudeE7,
    int LongitudeE7,
    int? AccuracyMeters = null,
    int? AltitudeMeters = null,
    int? VelocityMps = null,
    int? Heading = null,
    string? Source = null)
{
    /// <summary>Decimal digits of the coordinates as the export wrote them: 7 for E7 integers, fewer for shorter degree strings.</summary>
    public byte CoordinateDigits { get; init; } = MaxCoordinateDigits;

    /// <summary>Digits of the second's fraction as the export wrote the time: 3 (milliseconds) or 0 (whole seconds).</summary>
    public byte TimeDigits { get; init; } = MillisecondDigits;

    /// <summary>The device the export says took the fix (Records.json's deviceTag), when it says.</summary>
    public int? Device { get; init; }

    public const byte MaxCoordinateDigits = 7;

    public const byte MillisecondDigits = 3;

    public double Latitude => LatitudeE7 / 1e7;

    public double Longitude => LongitudeE7 / 1e7;

    /// <summary>True when the coordinates are on Earth (the importer drops fixes that are not).</summary>
    public bool IsValid => LatitudeE7 is >= -900_000_000 and <= 900_000_000 && LongitudeE7 is >= -1_800_000_000 and <= 1_800_000_000;

    public static int ToE7(double degrees) => (int)Math.Round(degrees * 1e7, MidpointRounding.AwayFromZero);
}
