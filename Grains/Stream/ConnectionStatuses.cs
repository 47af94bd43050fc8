using Datapunk.Streams.Connections;

namespace Datapunk.Grains;

/// <summary>A connection's row as the wire shows it.</summary>
internal static class ConnectionStatuses
{
    public static ConnectionStatus Of(ConnectionRow row) => new(
        row.Key.Id, row.Key.Provider, row.Key.Account, row.DisplayName, row.Status, row.Paused, row.LastPoll, row.LastSuccess,
        row.LastError, row.LastErrorAt, row.NextPoll, row.Polls, row.Records, row.CreatedAt, row.Activity);
}
