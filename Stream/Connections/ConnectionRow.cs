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
    DateTimeOffset CreatedAt)
{
    /// <summary>What a provider with long-running work says it is doing (its cursor's <c>activity</c>): "Archive job running since …".</summary>
    public string? Activity => Cursor["activity"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
