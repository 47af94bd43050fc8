using Npgsql;

namespace Datapunk.Silo.Tests.Workbench;

/// <summary>
/// A user with data in every place the workbench shows, written as the owner (as imports, uploads and the places
/// model would have stored it), every text carrying <see cref="Marker"/> so that an answer holding another user's
/// rows is caught by a plain search of its text.
/// </summary>
internal sealed record WorkbenchPerson(string UserId, string Marker, long FileId, int Fixes)
{
    public static async Task<WorkbenchPerson> SeedAsync(string prefix)
    {
        var user = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        var marker = $"mark{Guid.NewGuid():N}"[..16];
        var owner = await WorkbenchEngine.OwnerAsync();
        var cancellation = TestContext.Current.CancellationToken;
        var importId = Guid.NewGuid();
        await ExecuteAsync(owner, "INSERT INTO imports.jobs (import_id, user_id, status, paths) VALUES ($1, $2, 'completed', ARRAY[$3])", importId, user, $"/in/{marker}.zip");
        var fileId = (await WorkbenchEngine.ScalarAsync<long>("""
            INSERT INTO imports.files (import_id, entry_key, user_id, source, path, format_id, status, finished_at)
            VALUES ($1, 'takeout', $2, 'upload', $3, 'google.takeout', 'imported', now()) RETURNING file_id
            """, importId, user, $"Takeout/{marker}.json"))!;
        await ExecuteAsync(owner, """
            INSERT INTO user_data.records (user_id, kind, identity, occurred_at, ended_at, title, body, position, source, file_id) VALUES
              ($1, 1, 'v1', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', 'Cafe ' || $2, NULL, 'SRID=4326;POINT(13.4 52.5)'::geography,
               jsonb_build_object('placeVisit', jsonb_build_object('location', jsonb_build_object('placeId', 'P-' || $2))), $3),
              ($1, 11, 'e1', '2024-05-02T09:00:00Z', NULL, 'Mail ' || $2, 'Body ' || $2, NULL,
               jsonb_build_object('from', $2 || '@example.org', 'to', jsonb_build_array('friend@example.org')), $3),
              ($1, 12, 'n1', '2024-05-03T09:00:00Z', NULL, 'Note ' || $2, 'Text ' || $2, NULL, '{}'::jsonb, $3),
              ($1, 13, 'p1', '2024-05-04T09:00:00Z', NULL, 'Song ' || $2, NULL, NULL,
               jsonb_build_object('artistName', 'Artist ' || $2, 'trackName', 'Track ' || $2, 'msPlayed', 60000), $3)
            """, user, marker, fileId);
        var fixes = Enumerable.Range(0, 30).Select(i => new GeoFix(52.5 + i * 1e-4, 13.4, new DateTimeOffset(2024, 5, 1, 8, i, 0, TimeSpan.Zero))).ToList();
        await PersonalRows.InsertFixesAsync(owner, user, fixes, cancellation);
        var tableId = (await WorkbenchEngine.ScalarAsync<long>("""
            INSERT INTO user_data.user_tables (user_id, name, file_name, format, columns, row_count)
            VALUES ($1, 'budget', $2, 'csv', '[{"name": "item", "type": "text", "source": "Item"}, {"name": "amount", "type": "numeric", "source": "Amount"},
                                              {"name": "paid on", "type": "date", "source": "Paid on"}]'::jsonb, 2)
            RETURNING table_id
            """, user, $"budget-{marker}.csv"))!;
        await ExecuteAsync(owner, """
            INSERT INTO user_data.user_table_rows (user_id, table_id, row_number, row_values) VALUES
              ($1, $2, 1, jsonb_build_object('item', 'Rent ' || $3, 'amount', 900.50, 'paid on', '2024-05-01')),
              ($1, $2, 2, jsonb_build_object('item', 'Food ' || $3, 'amount', 320, 'paid on', '2024-05-02'))
            """, user, tableId, marker);
        await ExecuteAsync(owner, """
            INSERT INTO analytics.model_versions (user_id, kind, version, status, reason, trained_by) VALUES ($1, 'places', 1, 'promoted', 'test', 'test');
            """, user);
        await ExecuteAsync(owner, """
            INSERT INTO analytics.places (user_id, version, place_id, name, name_source, latitude, longitude, radius_m, visits, dwell_seconds, first_visit, last_visit)
            VALUES ($1, 1, gen_random_uuid(), 'Home ' || $2, 'user', 52.5, 13.4, 50, 10, 36000, '2024-05-01T00:00:00Z', '2024-05-10T00:00:00Z')
            """, user, marker);
        return new WorkbenchPerson(user, marker, fileId, fixes.Count);
    }

    public static async Task ExecuteAsync(NpgsqlDataSource owner, string sql, params object[] parameters)
    {
        await using var command = owner.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
