namespace Datapunk.Silo.Grpc;

/// <summary>Connections as connections.proto's messages.</summary>
internal static class ConnectionMessages
{
    public static V1.Connection ToMessage(this ConnectionStatus status)
    {
        var message = new V1.Connection
        {
            Id = status.Id,
            Provider = status.Provider,
            Account = status.Account,
            Status = status.Status,
            Paused = status.Paused,
            LastPoll = status.LastPoll.ToTimestamp(),
            LastSuccess = status.LastSuccess.ToTimestamp(),
            LastErrorAt = status.LastErrorAt.ToTimestamp(),
            NextPoll = status.NextPoll.ToTimestamp(),
            Polls = status.Polls,
            Records = status.Records,
            CreatedAt = status.CreatedAt.ToTimestamp(),
        };
        if (status.DisplayName is { } name)
        {
            message.DisplayName = name;
        }

        if (status.LastError is { } error)
        {
            message.LastError = error;
        }

        return message;
    }

    public static V1.ConnectionSync ToMessage(this ConnectionSync sync)
    {
        var message = new V1.ConnectionSync
        {
            Succeeded = sync.Succeeded,
            Pages = sync.Pages,
            NewRecords = sync.NewRecords,
            Requests = sync.Requests,
            NextPoll = sync.NextPoll.ToTimestamp(),
            Connection = sync.Connection?.ToMessage(),
        };
        if (sync.Error is { } error)
        {
            message.Error = error;
        }

        return message;
    }
}
