using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Discord;

/// <summary>
/// Builds the record for one message of either layout. The channel's name is in <c>channel.json</c>
/// beside the messages, which a reader of this entry never sees (entries are read one at a time), so
/// Source gets <c>channelId</c> from the folder and names are left to a later join.
/// </summary>
internal static class DiscordMessageRecord
{
    /// <summary>Discord snowflakes count milliseconds from 2015-01-01 in their top 42 bits.</summary>
    private const long DiscordEpochMs = 1_420_070_400_000;

    /// <summary>
    /// The record, or null after rejecting a message with no id, or with neither a readable Timestamp
    /// nor an id that holds a time. <paramref name="position"/> names the message in the rejection
    /// ("The row at byte 120").
    /// </summary>
    public static PersonalRecord? Create(JsonObject source, string? channelId, string position, IImportSink sink, ref bool warnedAboutTime)
    {
        var id = JsonNodeFields.TextOrNumber(source["ID"])?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            sink.RejectRecord(RejectReason.MissingField, $"{position} has no message id; it was skipped.");
            return null;
        }

        if (channelId is not null)
        {
            source["channelId"] = channelId;
        }

        if (!Timestamps.TryParse(JsonNodeFields.Text(source["Timestamp"]), out var sentAt))
        {
            if (!TryFromSnowflake(id, out sentAt))
            {
                var problem = UnusableTime.Of(source["Timestamp"], "Timestamp");
                sink.RejectRecord(problem.Reason, $"{position} (message {id}) has {problem.Description} and no time in its id; it was skipped.");
                return null;
            }

            if (!warnedAboutTime)
            {
                warnedAboutTime = true;
                sink.ReportWarning($"Message {id} has no readable Timestamp; the time inside its id was used (for this and any later such message).");
            }
        }

        var contents = JsonNodeFields.Text(source["Contents"]);
        return new PersonalRecord
        {
            Kind = RecordKind.DiscordMessage,
            Identity = RecordIdentity.Native("discord", id),
            OccurredAt = sentAt,
            Text = string.IsNullOrEmpty(contents) ? null : contents,
            Source = source,
        };
    }

    private static bool TryFromSnowflake(string id, out DateTime sentAt)
    {
        sentAt = default;
        return long.TryParse(id, out var snowflake) && snowflake > 0
            && Timestamps.TryFromEpoch((snowflake >> 22) + DiscordEpochMs, EpochUnit.Milliseconds, out sentAt);
    }
}
