using Datapunk.Forge.Registry;
using Datapunk.Forge.Storage;

namespace Datapunk.Forge.Places;

/// <summary>
/// The user's places as the served version has them, and the user's edits: each edit is kept
/// (analytics.place_edits, applied again to every later version) and applied to the served version at
/// once, in a transaction that holds the model's slot, so no training run completes in between.
/// </summary>
public sealed class PlacesService(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    private static readonly PlacesParameters Parameters = new();

    public async Task<PlaceList> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        return await ModelRegistry.PromotedAsync(transaction, ModelKinds.Places, cancellationToken) is { } version
            ? new PlaceList(version, await PlaceStore.ReadAsync(transaction, version, null, cancellationToken))
            : new PlaceList(null, []);
    }

    public async Task<SignificantPlace?> GetAsync(string userId, Guid placeId, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        return await ModelRegistry.PromotedAsync(transaction, ModelKinds.Places, cancellationToken) is { } version
            ? (await PlaceStore.ReadAsync(transaction, version, placeId, cancellationToken)).SingleOrDefault()
            : null;
    }

    public async Task<SignificantPlace?> RenameAsync(string userId, Guid placeId, string name, CancellationToken cancellationToken)
    {
        var changed = await EditAsync(userId, [placeId], (_, places) =>
        {
            PlaceSet.Rename(places[0], name);
            return ([places[0]], Anchor(PlaceEdit.Rename, places[0]) with { Name = name });
        }, cancellationToken);
        return changed?.Single();
    }

    public async Task<SignificantPlace?> MergeAsync(string userId, Guid placeId, Guid otherId, CancellationToken cancellationToken)
    {
        var changed = await EditAsync(userId, [placeId, otherId], (set, places) =>
        {
            var (lat, lng) = places[1].Centre;
            var edit = Anchor(PlaceEdit.Merge, places[0]) with { OtherLat = lat, OtherLng = lng };
            set.Merge(places[0], places[1]);
            return ([places[0]], edit);
        }, cancellationToken);
        return changed?.Single();
    }

    public Task<IReadOnlyList<SignificantPlace>?> SplitAsync(string userId, Guid placeId, PlaceSplit split, CancellationToken cancellationToken) =>
        EditAsync(userId, [placeId], (set, places) => split.At is { } at
            ? (set.SplitByTime(places[0], at.ToUniversalTime()), Anchor(PlaceEdit.SplitTime, places[0]) with { SplitAt = at.ToUniversalTime() })
            : (set.SplitByDistance(places[0], split.RadiusMetres!.Value), Anchor(PlaceEdit.SplitDistance, places[0]) with { SplitRadiusMetres = split.RadiusMetres }),
            cancellationToken);

    /// <summary>What is wrong with a split (nothing when it can be made).</summary>
    public static string? SplitProblem(PlaceSplit split) =>
        (split.At, split.RadiusMetres) switch
        {
            (null, null) or (not null, not null) => "Give either at (an ISO 8601 time: stays from then on become a new place) or radiusMetres (cluster the place's stays again that tightly), not both.",
            (null, { } radius) when radius is < 10 or > 10_000 or double.NaN => "radiusMetres must be between 10 and 10000.",
            _ => null,
        };

    /// <summary>
    /// Loads the served version, finds the places by id, applies <paramref name="edit"/> (which returns the
    /// places it changed and the edit to keep, anchored where the place was before), saves and keeps the
    /// edit; null when there is no served version or a place is missing.
    /// </summary>
    private async Task<IReadOnlyList<SignificantPlace>?> EditAsync(
        string userId, Guid[] placeIds, Func<PlaceSet, PlaceDraft[], (IReadOnlyList<PlaceDraft> Changed, PlaceEdit Edit)> edit, CancellationToken cancellationToken)
    {
        await using var transaction = await registry.LockedAsync(userId, ModelKinds.Places, cancellationToken);
        if (await ModelRegistry.PromotedAsync(transaction, ModelKinds.Places, cancellationToken) is not { } version)
        {
            return null;
        }

        await PlaceStore.CatchUpEditsAsync(transaction, version, Parameters, cancellationToken);
        var set = await PlaceStore.LoadAsync(transaction, version, Parameters, cancellationToken);
        var places = placeIds.Select(set.Find).ToArray();
        if (places.Any(place => place is null) || placeIds.Distinct().Count() != placeIds.Length)
        {
            return null;
        }

        var (changed, kept) = edit(set, places!);
        await PlaceStore.SaveAsync(transaction, version, set, cancellationToken);
        var editNo = await PlaceStore.AddEditAsync(transaction, kept, cancellationToken);
        await PlaceStore.MarkEditsAppliedAsync(transaction, version, editNo, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. changed.Select(place => place.ToPlace(Parameters))];
    }

    private static PlaceEdit Anchor(string operation, PlaceDraft place)
    {
        var (lat, lng) = place.Centre;
        return new PlaceEdit(operation, lat, lng);
    }

    /// <summary>Applies the user's edits made after the version's to a version about to be served again (promotion, rollback).</summary>
    internal static Task CatchUpAsync(UserTransaction transaction, int version, CancellationToken cancellationToken) =>
        PlaceStore.CatchUpEditsAsync(transaction, version, Parameters, cancellationToken);
}
