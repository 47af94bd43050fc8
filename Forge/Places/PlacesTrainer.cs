using Datapunk.Forge.Storage;
using Datapunk.Forge.Training;

namespace Datapunk.Forge.Places;

/// <summary>
/// Trains the significant-places model: stays from the user's fixes (in time order, streamed, never
/// all in memory) and the export's own place visits, clustered into places (<see cref="PlacesBuilder"/>).
/// </summary>
internal sealed class PlacesTrainer(NpgsqlDataSource dataSource, IPlaceNameSource names) : IModelTrainer
{
    private readonly PlacesParameters _parameters = new();

    public string Kind => ModelKinds.Places;

    public IReadOnlyDictionary<string, double> Parameters => _parameters.ToDictionary();

    public async Task<TrainedModel> TrainAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        var detector = new StayDetector(_parameters);
        var visits = new List<Stay>();
        long fixes = 0;
        await using (var transaction = await UserTransaction.BeginAsync(dataSource, request.UserId, cancellationToken, System.Data.IsolationLevel.RepeatableRead))
        {
            await using (var command = transaction.Command("""
                SELECT time, lat_e7, lng_e7 FROM timeseries.location_points
                WHERE user_id = $1 AND (accuracy_m IS NULL OR accuracy_m <= $2)
                ORDER BY time
                """, request.UserId, _parameters.MaxAccuracyMetres))
            await using (var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    detector.Add(UserTransaction.Time(reader, 0)!.Value, reader.GetInt32(1) / 1e7, reader.GetInt32(2) / 1e7);
                    fixes++;
                }
            }

            detector.Close();
            await using (var command = transaction.Command($"""
                SELECT occurred_at, ended_at, ST_Y(position::geometry), ST_X(position::geometry), title FROM user_data.records
                WHERE user_id = $1 AND kind = {(short)Lake.RecordKind.PlaceVisit} AND position IS NOT NULL AND occurred_at IS NOT NULL AND ended_at >= occurred_at
                """, request.UserId))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    visits.Add(new Stay(reader.GetDouble(2), reader.GetDouble(3), UserTransaction.Time(reader, 0)!.Value, UserTransaction.Time(reader, 1)!.Value,
                        reader.IsDBNull(4) ? null : reader.GetString(4)));
                }
            }
        }

        var places = await PlacesBuilder.BuildAsync(detector.Stays, visits, _parameters, names, cancellationToken);
        var all = detector.Stays.Concat(visits).ToList();
        return new TrainedPlaces(places, _parameters)
        {
            DataFrom = all.Count == 0 ? null : all.Min(stay => stay.Arrived),
            DataTo = all.Count == 0 ? null : all.Max(stay => stay.Left),
            Metrics = new Dictionary<string, double>
            {
                ["fixes"] = fixes,
                ["stays_from_fixes"] = detector.Stays.Count,
                ["visits_from_export"] = visits.Count,
                ["places"] = places.Count,
                ["stays_in_places"] = places.Sum(place => place.Stays.Count),
                ["named_places"] = places.Count(place => place.Name is not null),
            },
        };
    }
}
