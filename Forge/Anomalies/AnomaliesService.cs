using System.Text.Json;
using Datapunk.Forge.Registry;
using Datapunk.Forge.Storage;

namespace Datapunk.Forge.Anomalies;

/// <summary>The unusual days the served version of the anomalies model flagged.</summary>
public sealed class AnomaliesService(NpgsqlDataSource dataSource)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AnomalyList> ListAsync(string userId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        if (await ModelRegistry.PromotedAsync(transaction, ModelKinds.Anomalies, cancellationToken) is not { } version)
        {
            return new AnomalyList(null, "UTC", []);
        }

        await using var command = transaction.Command("""
            SELECT day, score, reasons::text, features::text, time_zone FROM analytics.day_features
            WHERE user_id = $1 AND version = $2 AND day BETWEEN $3 AND $4 AND score IS NOT NULL
            ORDER BY day
            """, userId, version, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<AnomalyDay>();
        var zone = (string?)null;
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new AnomalyDay(
                reader.GetFieldValue<DateOnly>(0), reader.GetDouble(1),
                JsonSerializer.Deserialize<List<AnomalyReason>>(reader.GetString(2), Json)!,
                JsonSerializer.Deserialize<Dictionary<string, double?>>(reader.GetString(3))!));
            zone = reader.GetString(4);
        }

        zone ??= (string?)await transaction.ScalarAsync(
            "SELECT time_zone FROM analytics.day_features WHERE user_id = $1 AND version = $2 LIMIT 1", cancellationToken, userId, version);
        return new AnomalyList(version, zone ?? "UTC", days);
    }
}
