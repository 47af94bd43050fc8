namespace Datapunk.Lake.Reading;

/// <summary>No knowledge of where the user was: every time is on the clock of the zone the query names.</summary>
public sealed class NoLocalZoneSpans : ILocalZoneSpans
{
    public Task<IReadOnlyList<ZoneSpan>> ReadAsync(string userId, DateTime start, DateTime end, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ZoneSpan>>([]);
}
