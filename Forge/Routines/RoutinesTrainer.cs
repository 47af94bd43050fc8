using System.Text.Json;
using Datapunk.Forge.Places;
using Datapunk.Forge.Registry;
using Datapunk.Forge.Storage;
using Datapunk.Forge.Training;
using NodaTime;

namespace Datapunk.Forge.Routines;

/// <summary>
/// Trains home, work and routines from the served version of the user's places (so the user's edits
/// count: a merged place is one place here too); the places model asks for this one after each of its runs.
/// </summary>
internal sealed class RoutinesTrainer(NpgsqlDataSource dataSource) : IModelTrainer
{
    private static readonly PlacesParameters PlacesParameters = new();
    private readonly RoutinesParameters _parameters = new();

    public string Kind => ModelKinds.Routines;

    public IReadOnlyDictionary<string, double> Parameters => _parameters.ToDictionary();

    public async Task<TrainedModel> TrainAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone) ?? DateTimeZone.Utc;
        List<PlaceDraft> places = [];
        await using (var transaction = await UserTransaction.BeginAsync(dataSource, request.UserId, cancellationToken))
        {
            if (await ModelRegistry.PromotedAsync(transaction, ModelKinds.Places, cancellationToken) is { } version)
            {
                places = (await PlaceStore.LoadAsync(transaction, version, PlacesParameters, cancellationToken)).Places;
            }
        }

        var view = RoutineFinder.Find(places, zone, _parameters, PlacesParameters);
        var stays = places.SelectMany(place => place.Stays).ToList();
        return new TrainedRoutines(view)
        {
            DataFrom = stays.Count == 0 ? null : stays.Min(stay => stay.Arrived),
            DataTo = stays.Count == 0 ? null : stays.Max(stay => stay.Left),
            Metrics = new Dictionary<string, double>
            {
                ["places"] = places.Count,
                ["home_confidence"] = view.Home?.Confidence ?? 0,
                ["work_confidence"] = view.Work?.Confidence ?? 0,
                ["routines"] = view.Routines.Count,
            },
        };
    }

    private sealed class TrainedRoutines(RoutinesView view) : TrainedModel
    {
        internal override Task WriteAsync(UserTransaction transaction, int version, CancellationToken cancellationToken) =>
            transaction.ExecuteAsync(
                "INSERT INTO analytics.routines (user_id, version, document) VALUES ($1, $2, $3::jsonb)",
                cancellationToken, transaction.UserId, version, JsonSerializer.Serialize(view, RoutinesDocument.Json));
    }
}
