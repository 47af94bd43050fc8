using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>
/// The user's significant places as the promoted version of the places model serves them, and the
/// user's edits of them, which are kept apart and applied again to every later version. Reached on
/// the model grain keyed <c>user/places</c>.
/// </summary>
[Alias("places-model")]
public interface IPlacesModel : IGrainWithStringKey
{
    /// <summary>Every place of the promoted version, most dwell first.</summary>
    [Alias("ListPlacesAsync"), ReadOnly]
    Task<PlaceList> ListPlacesAsync(CancellationToken cancellationToken = default);

    /// <summary>One place, or null when the promoted version has none with that id.</summary>
    [Alias("GetPlaceAsync"), ReadOnly]
    Task<SignificantPlace?> GetPlaceAsync(Guid placeId, CancellationToken cancellationToken = default);

    /// <summary>Names a place; null when there is no such place.</summary>
    [Alias("RenamePlaceAsync")]
    Task<SignificantPlace?> RenamePlaceAsync(Guid placeId, string name);

    /// <summary>Makes <paramref name="otherId"/> part of <paramref name="placeId"/>; null when either is missing.</summary>
    [Alias("MergePlacesAsync")]
    Task<SignificantPlace?> MergePlacesAsync(Guid placeId, Guid otherId);

    /// <summary>Splits a place by time or by distance; the places it became, or null when there is no such place.</summary>
    [Alias("SplitPlaceAsync")]
    Task<IReadOnlyList<SignificantPlace>?> SplitPlaceAsync(Guid placeId, PlaceSplit split);
}
