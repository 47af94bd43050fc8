using System.Text.RegularExpressions;

namespace Datapunk.Lake.Formats.Discord;

/// <summary>
/// The Discord package files around the messages: <c>messages/c&lt;id&gt;/channel.json</c> (id, type,
/// name or recipients, guild), <c>messages/index.json</c> (channel id → display name) and
/// <c>account/user.json</c> (profile, settings, relationships, payments). None of them is something
/// that happened: channel names would need a join across entries that the record contract cannot
/// express (messages keep their channel id for it), and the account file is profile data, some of
/// it sensitive (payments, IP addresses), with no place in the lake. They are recognised, so an
/// import does not report them as unknown, and yield nothing.
/// </summary>
public sealed partial class DiscordPackageMetadataReader : IExportFormatReader
{
    public string FormatId => "discord.package-metadata";

    public FormatMatch Detect(EntrySample sample)
    {
        var (content, variant) = Classify(sample.Head.Span);
        var name = NameVariant(sample.Path) is not null;
        // With content, the name adds to the match only when it names the same variant.
        return FormatMatch.From(content, name && (!content || variant == NameVariant(sample.Path)));
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        sink.SetVariant(NameVariant(sink.EntryPath) ?? "package-metadata");
        return Task.CompletedTask;
    }

    private static (bool Content, string? Variant) Classify(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf("\"username\""u8) >= 0 && (head.IndexOf("\"discriminator\""u8) >= 0 || head.IndexOf("\"relationships\""u8) >= 0))
        {
            return (true, "user");
        }

        if (head.IndexOf("\"id\""u8) >= 0 && head.IndexOf("\"type\""u8) >= 0
            && (head.IndexOf("\"recipients\""u8) >= 0 || head.IndexOf("\"guild\""u8) >= 0))
        {
            return (true, "channel");
        }

        // index.json: an object from channel ids (snowflakes, 17-20 digits) to display names.
        return ChannelIndexHead().IsMatch(System.Text.Encoding.UTF8.GetString(head[..Math.Min(head.Length, 256)]))
            ? (true, "channel-index")
            : (false, null);
    }

    private static string? NameVariant(string path)
    {
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        var folder = path.Split('/') is { Length: >= 2 } parts ? parts[^2] : "";
        return fileName.ToLowerInvariant() switch
        {
            "channel.json" => "channel",
            "index.json" when folder.Equals("messages", StringComparison.OrdinalIgnoreCase) => "channel-index",
            "user.json" when folder.Equals("account", StringComparison.OrdinalIgnoreCase) => "user",
            _ => null,
        };
    }

    [GeneratedRegex(@"^\uFEFF?\s*\{\s*""\d{15,21}""\s*:\s*(""|null)")]
    private static partial Regex ChannelIndexHead();
}
