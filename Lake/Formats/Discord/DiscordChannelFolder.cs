namespace Datapunk.Lake.Formats.Discord;

/// <summary>
/// The channel id of a message file, from its folder: <c>messages/c123456789/messages.csv</c>
/// (current packages) or <c>messages/123456789/messages.csv</c> (older ones).
/// </summary>
internal static class DiscordChannelFolder
{
    public static string? ChannelId(string entryPath)
    {
        var parts = entryPath.Split('/');
        if (parts.Length < 2)
        {
            return null;
        }

        var folder = parts[^2];
        var id = folder.StartsWith('c') || folder.StartsWith('C') ? folder[1..] : folder;
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id : null;
    }
}
