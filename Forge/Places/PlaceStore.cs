using Datapunk.Forge.Storage;

namespace Datapunk.Forge.Places;

/// <summary>The places and stays of a version in analytics.places and analytics.place_stays, and the user's edits in analytics.place_edits.</summary>
internal static class PlaceStore
{
    public static async Task<PlaceSet> LoadAsync(UserTransaction transaction, int version, PlacesParameters parameters, CancellationToken cancellationToken)
    {
        var stays = new Dictionary<Guid, List<Stay>>();
        await using (var command = transaction.Command(
            "SELECT place_id, latitude, longitude, arrived_at, left_at, name FROM analytics.place_stays WHERE user_id = $1 AND version = $2 ORDER BY arrived_at",
            transaction.UserId, version))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var placeId = reader.GetGuid(0);
                if (!stays.TryGetValue(placeId, out var list))
                {
                    stays[placeId] = list = [];
                }

                list.Add(new Stay(reader.GetDouble(1), reader.GetDouble(2), UserTransaction.Time(reader, 3)!.Value, UserTransaction.Time(reader, 4)!.Value,
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        var places = new List<PlaceDraft>();
        await using (var command = transaction.Command(
            "SELECT place_id, name, name_source FROM analytics.places WHERE user_id = $1 AND version = $2 ORDER BY dwell_seconds DESC, place_id",
            transaction.UserId, version))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var placeId = reader.GetGuid(0);
                places.Add(new PlaceDraft(placeId, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), stays.GetValueOrDefault(placeId) ?? []));
            }
        }

        return new PlaceSet([.. places.Where(place => place.Stays.Count > 0)], parameters);
    }

    /// <summary>Replaces the version's places and stays with <paramref name="set"/>'s.</summary>
    public static async Task SaveAsync(UserTransaction transaction, int version, PlaceSet set, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync("DELETE FROM analytics.place_stays WHERE user_id = $1 AND version = $2", cancellationToken, transaction.UserId, version);
        await transaction.ExecuteAsync("DELETE FROM analytics.places WHERE user_id = $1 AND version = $2", cancellationToken, transaction.UserId, version);
        var places = set.Places.Select(place => place.ToPlace(set.Parameters)).ToList();
        await transaction.ExecuteAsync("""
            INSERT INTO analytics.places (user_id, version, place_id, name, name_source, latitude, longitude, radius_m, visits, dwell_seconds, first_visit, last_visit)
            SELECT $1, $2, * FROM unnest($3::uuid[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::int[], $10::bigint[], $11::timestamptz[], $12::timestamptz[])
            """, cancellationToken, transaction.UserId, version,
            places.Select(place => place.PlaceId).ToArray(), places.Select(place => place.Name).ToArray(), places.Select(place => place.NameSource).ToArray(),
            places.Select(place => place.Position.Lat).ToArray(), places.Select(place => place.Position.Lng).ToArray(),
            places.Select(place => place.RadiusMetres).ToArray(), places.Select(place => place.Visits).ToArray(), places.Select(place => place.DwellSeconds).ToArray(),
            places.Select(place => place.FirstVisit).ToArray(), places.Select(place => place.LastVisit).ToArray());
        var stays = set.Places.SelectMany(place => place.Stays.Select(stay => (place.Id, Stay: stay))).ToList();
        await transaction.ExecuteAsync("""
            INSERT INTO analytics.place_stays (user_id, version, place_id, latitude, longitude, arrived_at, left_at, name)
            SELECT $1, $2, * FROM unnest($3::uuid[], $4::float8[], $5::float8[], $6::timestamptz[], $7::timestamptz[], $8::text[])
            """, cancellationToken, transaction.UserId, version,
            stays.Select(row => row.Id).ToArray(), stays.Select(row => row.Stay.Lat).ToArray(), stays.Select(row => row.Stay.Lng).ToArray(),
            stays.Select(row => row.Stay.Arrived).ToArray(), stays.Select(row => row.Stay.Left).ToArray(), stays.Select(row => row.Stay.Name).ToArray());
    }

    /// <summary>The places of a version, most dwell first.</summary>
    public static async Task<IReadOnlyList<SignificantPlace>> ReadAsync(UserTransaction transaction, int version, Guid? placeId, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command("""
            SELECT place_id, name, name_source, latitude, longitude, radius_m, visits, dwell_seconds, first_visit, last_visit
            FROM analytics.places WHERE user_id = $1 AND version = $2 AND ($3::uuid IS NULL OR place_id = $3)
            ORDER BY dwell_seconds DESC, place_id
            """, transaction.UserId, version, placeId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var places = new List<SignificantPlace>();
        while (await reader.ReadAsync(cancellationToken))
        {
            places.Add(new SignificantPlace(
                reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), new GeoPoint(reader.GetDouble(3), reader.GetDouble(4)),
                reader.GetDouble(5), reader.GetInt32(6), reader.GetInt64(7), UserTransaction.Time(reader, 8)!.Value, UserTransaction.Time(reader, 9)!.Value));
        }

        return places;
    }

    /// <summary>The user's edits after <paramref name="afterEditNo"/>, in the order they were made.</summary>
    public static async Task<IReadOnlyList<(long EditNo, PlaceEdit Edit)>> EditsAsync(UserTransaction transaction, long afterEditNo, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command("""
            SELECT edit_no, operation, latitude, longitude, other_latitude, other_longitude, name, split_at, split_radius_m
            FROM analytics.place_edits WHERE user_id = $1 AND edit_no > $2 ORDER BY edit_no
            """, transaction.UserId, afterEditNo);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var edits = new List<(long, PlaceEdit)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            edits.Add((reader.GetInt64(0), new PlaceEdit(
                reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), UserTransaction.Time(reader, 7), reader.IsDBNull(8) ? null : reader.GetDouble(8))));
        }

        return edits;
    }

    /// <summary>Keeps an edit for every later version; returns its number.</summary>
    public static async Task<long> AddEditAsync(UserTransaction transaction, PlaceEdit edit, CancellationToken cancellationToken) =>
        (long)(await transaction.ScalarAsync("""
            INSERT INTO analytics.place_edits (user_id, operation, latitude, longitude, other_latitude, other_longitude, name, split_at, split_radius_m)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING edit_no
            """, cancellationToken, transaction.UserId, edit.Operation, edit.Lat, edit.Lng, edit.OtherLat, edit.OtherLng, edit.Name, edit.SplitAt, edit.SplitRadiusMetres))!;

    /// <summary>Applies the user's edits made after those the version has, in order, and records the last one applied.</summary>
    public static async Task CatchUpEditsAsync(UserTransaction transaction, int version, PlacesParameters parameters, CancellationToken cancellationToken)
    {
        var applied = (long)(await transaction.ScalarAsync(
            "SELECT edits_applied FROM analytics.model_versions WHERE user_id = $1 AND kind = $2 AND version = $3",
            cancellationToken, transaction.UserId, ModelKinds.Places, version) ?? 0L);
        var edits = await EditsAsync(transaction, applied, cancellationToken);
        if (edits.Count == 0)
        {
            return;
        }

        var set = await LoadAsync(transaction, version, parameters, cancellationToken);
        foreach (var (_, edit) in edits)
        {
            set.Apply(edit);
        }

        await SaveAsync(transaction, version, set, cancellationToken);
        await MarkEditsAppliedAsync(transaction, version, edits[^1].EditNo, cancellationToken);
    }

    public static Task MarkEditsAppliedAsync(UserTransaction transaction, int version, long editNo, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "UPDATE analytics.model_versions SET edits_applied = $4 WHERE user_id = $1 AND kind = $2 AND version = $3",
            cancellationToken, transaction.UserId, ModelKinds.Places, version, editNo);
}
