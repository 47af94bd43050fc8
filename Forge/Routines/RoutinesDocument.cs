using System.Text.Json;
using Datapunk.Forge.Registry;
using Datapunk.Forge.Storage;

namespace Datapunk.Forge.Routines;

/// <summary>The served version's home, work and routines, stored as one JSON document per version (analytics.routines).</summary>
public sealed class RoutinesDocument(NpgsqlDataSource dataSource)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RoutinesView> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        if (await ModelRegistry.PromotedAsync(transaction, ModelKinds.Routines, cancellationToken) is not { } version
            || await transaction.ScalarAsync("SELECT document::text FROM analytics.routines WHERE user_id = $1 AND version = $2", cancellationToken, userId, version)
                is not string document)
        {
            return new RoutinesView(null, "UTC", null, null, []);
        }

        return JsonSerializer.Deserialize<RoutinesView>(document, Json)! with { Version = version };
    }
}
