namespace Datapunk.Lake;

/// <summary>
/// When two fixes are the same fix, and which copy is kept: the identity rule for location fixes,
/// version <see cref="Version"/> (docs/import.md, "Record identity"). The merge applies the same
/// rule in SQL (<c>LocationMerge</c>); the literal vectors in the tests pin both.
///
/// Two fixes are one when
/// <list type="bullet">
/// <item>their devices agree: equal, or at least one export does not say which device;</item>
/// <item>their times agree to the coarser precision of the two: equal when both carry milliseconds,
/// else equal once truncated to the whole second (exports drop digits; they do not round times);</item>
/// <item>their positions agree to the coarser precision: with d the fewer decimals of the two, each
/// coordinate differs by at most half a unit of the d-th decimal (a degree string with 6 decimals is
/// the E7 value rounded), so two E7 fixes must be equal.</item>
/// </list>
/// Of two copies, the richer is kept whole (<see cref="CompareRichness"/>): finer position, finer
/// time, more of accuracy, altitude, speed, heading, source and device known, then smaller accuracy
/// radius, then the smaller values, so that the stored fix does not depend on the order of imports.
/// </summary>
public static class FixMatching
{
    /// <summary>The rule's version; a change to it needs a migration that re-keys stored fixes.</summary>
    public const int Version = 2;

    /// <summary>Twice the largest difference allowed in E7 units, by the fewer decimals of two fixes (index 0 to 7).</summary>
    private static readonly long[] DoubledTolerance = [10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    public static bool AreSameFix(in LocationFix a, in LocationFix b)
    {
        if (a.Device is { } deviceA && b.Device is { } deviceB && deviceA != deviceB)
        {
            return false;
        }

        var timesAgree = a.TimeDigits >= LocationFix.MillisecondDigits && b.TimeDigits >= LocationFix.MillisecondDigits
            ? a.Time == b.Time
            : WholeSecond(a.Time) == WholeSecond(b.Time);
        if (!timesAgree)
        {
            return false;
        }

        var tolerance = DoubledTolerance[Math.Min(Math.Min(a.CoordinateDigits, b.CoordinateDigits), LocationFix.MaxCoordinateDigits)];
        return 2 * Math.Abs((long)a.LatitudeE7 - b.LatitudeE7) <= tolerance
            && 2 * Math.Abs((long)a.LongitudeE7 - b.LongitudeE7) <= tolerance;
    }

    /// <summary>Positive when <paramref name="a"/> is the richer copy, negative when <paramref name="b"/> is, zero only for identical fixes.</summary>
    public static int CompareRichness(in LocationFix a, in LocationFix b)
    {
        int order;
        if ((order = a.CoordinateDigits.CompareTo(b.CoordinateDigits)) != 0
            || (order = a.TimeDigits.CompareTo(b.TimeDigits)) != 0
            || (order = KnownFields(a).CompareTo(KnownFields(b))) != 0)
        {
            return order;
        }

        // From here the smaller value wins: compare b to a.
        if ((order = (b.AccuracyMeters ?? int.MaxValue).CompareTo(a.AccuracyMeters ?? int.MaxValue)) != 0
            || (order = b.Time.CompareTo(a.Time)) != 0
            || (order = b.LatitudeE7.CompareTo(a.LatitudeE7)) != 0
            || (order = b.LongitudeE7.CompareTo(a.LongitudeE7)) != 0
            || (order = string.CompareOrdinal(b.Source ?? "", a.Source ?? "")) != 0)
        {
            return Math.Sign(order);
        }

        return (b.Device ?? -1).CompareTo(a.Device ?? -1);
    }

    /// <summary>How many of accuracy, altitude, speed, heading, source and device the fix has.</summary>
    public static int KnownFields(in LocationFix fix) =>
        (fix.AccuracyMeters is null ? 0 : 1) + (fix.AltitudeMeters is null ? 0 : 1) + (fix.VelocityMps is null ? 0 : 1)
        + (fix.Heading is null ? 0 : 1) + (fix.Source is null ? 0 : 1) + (fix.Device is null ? 0 : 1);

    public static long WholeSecond(DateTime time) => time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond);
}
