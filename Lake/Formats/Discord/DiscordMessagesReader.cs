using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Discord;

/// <summary>
/// Messages of one channel in a Discord data package: <c>messages/c&lt;channel&gt;/messages.csv</c>
/// (<c>ID,Timestamp,Contents,Attachments</c>, contents quoted across lines) or, in newer packages,
/// <c>messages.json</c> (<c>[{ID, Timestamp, Contents, Attachments}]</c>, ID a number). Only the
/// requesting user's own messages are in a package. Identity is the message's snowflake id.
/// </summary>
public sealed class DiscordMessagesReader : IExportFormatReader
{
    private static readonly string[] Columns = ["ID", "Timestamp", "Contents", "Attachments"];

    private static readonly KnownFieldNames MessageFields = new(Columns);

    public string FormatId => "discord.messages";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var csv = Header(head).Select(name => name.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase);
        var json = head.IndexOf("\"ID\""u8) >= 0 && head.IndexOf("\"Timestamp\""u8) >= 0 && head.IndexOf("\"Contents\""u8) >= 0;
        var name = sample.FileName.Equals("messages.csv", StringComparison.OrdinalIgnoreCase)
            || sample.FileName.Equals("messages.json", StringComparison.OrdinalIgnoreCase);
        return FormatMatch.From(csv || json, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var channelId = DiscordChannelFolder.ChannelId(sink.EntryPath);

        // Discord's package names are not localised, so the extension tells the two layouts apart
        // without buffering the head of the stream a second time.
        if (sink.EntryPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            sink.SetVariant("messages.json");
            await ReadJsonAsync(content, sink, channelId, cancellationToken);
        }
        else
        {
            sink.SetVariant("messages.csv");
            await ReadCsvAsync(content, sink, channelId, cancellationToken);
        }
    }

    private static async Task ReadCsvAsync(Stream content, IImportSink sink, string? channelId, CancellationToken cancellationToken)
    {
        string[]? header = null;
        var warnedAboutTime = false;
        await foreach (var row in CsvRows.ReadAsync(content, sink, cancellationToken))
        {
            if (header is null)
            {
                header = [.. row.Fields.Select(name => Columns.FirstOrDefault(known => known.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)) ?? name.Trim())];
                foreach (var column in header.Where(column => !MessageFields.Contains(column)))
                {
                    sink.ReportUnknownField("$[]." + column, "(CSV column)");
                }

                continue;
            }

            var source = new JsonObject();
            for (var column = 0; column < Math.Min(header.Length, row.Fields.Length); column++)
            {
                source[header[column]] = row.Fields[column];
            }

            if (DiscordMessageRecord.Create(source, channelId, $"The row at byte {row.ByteOffset}", sink, ref warnedAboutTime) is { } record)
            {
                sink.AddRecord(record);
            }
        }
    }

    private static Task ReadJsonAsync(Stream content, IImportSink sink, string? channelId, CancellationToken cancellationToken)
    {
        var unknown = new UnknownFieldLog(sink);
        var warnedAboutTime = false;
        return new JsonElementStream([]).ReadAsync(
            content,
            (_, element, offset) =>
            {
                if (SmallJsonDocument.ParseElement(element, offset, sink) is not { } message)
                {
                    return;
                }

                unknown.Check("$[]", message, MessageFields);
                if (DiscordMessageRecord.Create(message, channelId, $"The message at byte {offset}", sink, ref warnedAboutTime) is { } record)
                {
                    sink.AddRecord(record);
                }
            },
            (property, _) => unknown.Report("$." + property, "(top-level value)"),
            cancellationToken);
    }

    /// <summary>The first line of a CSV head, split on commas (the header is never quoted).</summary>
    private static string[] Header(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var end = head.IndexOf((byte)'\n');
        var line = System.Text.Encoding.UTF8.GetString(end >= 0 ? head[..end] : head).TrimEnd('\r');
        return line.Length > 200 ? [] : line.Split(',');
    }
}
