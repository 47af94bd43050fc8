using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Reads the plays a pairing (<see cref="PlayPairing"/>) works on from a query whose rows are (polled?,
/// identity, time, time played, track uri, title, paired polled identity): a polled play's time is its
/// <c>played_at</c>, an exported play's its end (<c>ts</c>, or the account history's <c>endTime</c>, which
/// has no uri); the last column names the polled play an exported one is already paired with (null when
/// none, and for polled plays).
/// </summary>
internal sealed class StoredPlays
{
    public List<PolledPlay> Polled { get; } = [];

    public List<ExportedPlay> Exported { get; } = [];

    /// <summary>For each of <see cref="Exported"/>, the polled play it is paired with already, or null.</summary>
    public List<string?> PairedWith { get; } = [];

    public static async Task<StoredPlays> ReadAsync(NpgsqlCommand query, CancellationToken cancellationToken)
    {
        var plays = new StoredPlays();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var identity = reader.GetString(1);
            var at = reader.GetDateTime(2);
            var trackUri = reader.IsDBNull(4) ? null : reader.GetString(4);
            var title = reader.IsDBNull(5) ? null : reader.GetString(5);
            if (reader.GetBoolean(0))
            {
                plays.Polled.Add(new PolledPlay(identity, trackUri!, title, at));
            }
            else
            {
                plays.Exported.Add(new ExportedPlay(identity, trackUri, title, at, reader.GetInt64(3)));
                plays.PairedWith.Add(reader.IsDBNull(6) ? null : reader.GetString(6));
            }
        }

        return plays;
    }
}
