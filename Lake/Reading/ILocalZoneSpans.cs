namespace Datapunk.Lake.Reading;

/// <summary>
/// Where a user was, as time zones over time: what makes a day the user's local day at that place.
/// Cortex computes them from the user's positions (Cortex/Places); without it every time is on the
/// clock of the zone a query names (<see cref="NoLocalZoneSpans"/>).
/// </summary>
public interface ILocalZoneSpans
{
    /// <summary>The user's spans that overlap <paramref name="start"/> to <paramref name="end"/>, in time order, none overlapping another.</summary>
    Task<IReadOnlyList<ZoneSpan>> ReadAsync(string userId, DateTime start, DateTime end, CancellationToken cancellationToken);
}
