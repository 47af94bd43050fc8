using System.Text.Json.Nodes;

namespace Datapunk.Streams.Connections;

/// <summary>A row of <c>user_data.connections</c>.</summary>
public sealed record ConnectionRow(
    ConnectionKey Key,
    string? DisplayName,
    string Status,
    bool Paused,
    JsonObject Cursor,
    Guid ImportId,
    long Polls,
    long Records,
    DateTimeOffset? LastPoll,
    DateTimeOffset? LastSuccess,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    int Failures,
    DateTimeOffset? NextPoll,
    DateTimeOffset CreatedAt);
