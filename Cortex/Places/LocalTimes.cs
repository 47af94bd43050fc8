using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Places;

/// <summary>
/// Local times for the other parts of Cortex (search filters, answers' "on 3 May"): the user's clock
/// over a window, from where they were and, between what says so, the zone they name (their profile's).
/// </summary>
public sealed class LocalTimes(ILocalZoneSpans zoneSpans)
{
    /// <summary>The user's clock from <paramref name="start"/> to <paramref name="end"/> (UTC).</summary>
    public async Task<LocalClock> ClockAsync(string userId, LocalCalendar fallback, DateTime start, DateTime end, CancellationToken cancellationToken) =>
        LocalClock.Build(fallback, start, end, await zoneSpans.ReadAsync(userId, start, end, cancellationToken));

    /// <summary>The user's clock over every instant local days <paramref name="from"/> to <paramref name="to"/> can hold.</summary>
    public Task<LocalClock> ClockForDaysAsync(string userId, LocalCalendar fallback, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = LocalClock.Window(from, to);
        return ClockAsync(userId, fallback, start, end, cancellationToken);
    }
}
