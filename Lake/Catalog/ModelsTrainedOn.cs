using Datapunk.Lake.Reading;

namespace Datapunk.Lake.Catalog;

/// <summary>The user's model versions (ready or promoted) whose data window overlaps a span: what lineage shows as trained from it, and a deletion reports.</summary>
internal static class ModelsTrainedOn
{
    private const string Overlapping = """
        SELECT kind, version, status, data_from, data_to FROM analytics.model_versions
        WHERE user_id = @user AND status IN ('promoted', 'ready') AND data_from <= @to AND data_to >= @from ORDER BY kind, version
        """;

    public static async Task<IReadOnlyList<TrainedModelVersion>> SpanAsync(
        ReadTransaction read, string userId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var models = new List<TrainedModelVersion>();
        await using var command = read.Command(Overlapping);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            models.Add(new TrainedModelVersion(reader.GetString(0), reader.GetInt32(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return models;
    }
}
