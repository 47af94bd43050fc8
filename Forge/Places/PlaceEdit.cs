namespace Datapunk.Forge.Places;

/// <summary>
/// A user's edit of a place, as analytics.place_edits keeps it: the place is named by where it was
/// (its centre when the edit was made), so the edit finds it again in a version trained later.
/// </summary>
internal sealed record PlaceEdit(
    string Operation, double Lat, double Lng, double? OtherLat = null, double? OtherLng = null, string? Name = null,
    DateTimeOffset? SplitAt = null, double? SplitRadiusMetres = null)
{
    public const string Rename = "rename";
    public const string Merge = "merge";
    public const string SplitTime = "split_time";
    public const string SplitDistance = "split_distance";
}
