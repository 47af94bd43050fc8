namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// One spelling for activity and place types across generations: iOS writes "in passenger vehicle"
/// and "Searched Address" where Android and the semantic history write IN_PASSENGER_VEHICLE and
/// SEARCHED_ADDRESS; filters and charts should not see two activities.
/// </summary>
internal static class ActivityTypeNames
{
    public static string? Normalise(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        return type.Trim().ToUpperInvariant().Replace(' ', '_');
    }

    /// <summary>A place's semantic type as a title, or null when it only says the type is unknown.</summary>
    public static string? PlaceTitle(string? semanticType) =>
        Normalise(semanticType) is { } type && type is not ("UNKNOWN" or "TYPE_UNKNOWN") ? type : null;
}
