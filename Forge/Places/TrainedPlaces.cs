using Datapunk.Forge.Registry;
using Datapunk.Forge.Storage;
using Datapunk.Forge.Training;

namespace Datapunk.Forge.Places;

/// <summary>
/// A newly trained set of places, written under the run's fence: every edit the user ever made is
/// applied again in order, then each place takes the id of the place of the served version it stands
/// where (nearest within radius; the closer first visit breaks ties, as after a split by time), so
/// ids survive retraining.
/// </summary>
internal sealed class TrainedPlaces(List<PlaceDraft> places, PlacesParameters parameters) : TrainedModel
{
    internal override async Task WriteAsync(UserTransaction transaction, int version, CancellationToken cancellationToken)
    {
        var set = new PlaceSet(places, parameters);
        var edits = await PlaceStore.EditsAsync(transaction, 0, cancellationToken);
        foreach (var (_, edit) in edits)
        {
            set.Apply(edit);
        }

        if (await ModelRegistry.PromotedAsync(transaction, ModelKinds.Places, cancellationToken) is { } served)
        {
            KeepIds(set, await PlaceStore.ReadAsync(transaction, served, null, cancellationToken));
        }

        await PlaceStore.SaveAsync(transaction, version, set, cancellationToken);
        if (edits.Count > 0)
        {
            await PlaceStore.MarkEditsAppliedAsync(transaction, version, edits[^1].EditNo, cancellationToken);
        }
    }

    private static void KeepIds(PlaceSet set, IReadOnlyList<SignificantPlace> previous)
    {
        var taken = new HashSet<Guid>();
        foreach (var place in set.Places.OrderByDescending(place => place.DwellSeconds).ToList())
        {
            var (lat, lng) = place.Centre;
            var match = previous
                .Where(old => !taken.Contains(old.PlaceId))
                .Select(old => (Old: old, Metres: Geo.Metres(old.Position.Lat, old.Position.Lng, lat, lng)))
                .Where(candidate => candidate.Metres <= Math.Max(set.Parameters.MatchMetres, candidate.Old.RadiusMetres))
                .OrderBy(candidate => Math.Round(candidate.Metres / 10))
                .ThenBy(candidate => Math.Abs((candidate.Old.FirstVisit - place.FirstVisit).TotalSeconds))
                .Select(candidate => candidate.Old)
                .FirstOrDefault();
            if (match is not null)
            {
                place.Id = match.PlaceId;
                taken.Add(match.PlaceId);
            }
        }
    }
}
