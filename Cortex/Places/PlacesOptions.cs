namespace Datapunk.Cortex.Places;

/// <summary>Settings of places and local time, under <c>Cortex:Places</c>.</summary>
public sealed class PlacesOptions
{
    public const string Section = "Cortex:Places";

    /// <summary>
    /// The gazetteer the set-up writes (scripts/geo/gazetteer.mjs); when unset, <c>DATAPUNK_GAZETTEER</c>,
    /// else <c>.datapunk/geo/gazetteer.tsv</c> in the working directory or a folder above it.
    /// </summary>
    public string? GazetteerFile { get; set; }

    /// <summary>A position is named after the nearest town within this distance, and after none farther away.</summary>
    public double NameWithinKm { get; set; } = 30;

    /// <summary>
    /// A position takes the time zone of the nearest town within this distance: towns of 1,000 people
    /// lie farther apart only in deserts, tundra and at sea, where the zone of the last town seen is
    /// better left to the user's surrounding positions.
    /// </summary>
    public double ZoneWithinKm { get; set; } = 300;

    /// <summary>How far in time before the first and after the last located record the zone there still counts.</summary>
    public TimeSpan ZoneReach { get; set; } = TimeSpan.FromDays(7);
}
