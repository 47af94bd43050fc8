using System.Text;

namespace Datapunk.Silo.Api.Uploads;

/// <summary>
/// The Upload-Metadata header: comma-separated pairs of a key and a Base64-encoded value (the value
/// may be left out). Only the file name is used, and only to show and label the upload.
/// </summary>
public static class TusMetadata
{
    public static IReadOnlyDictionary<string, string> Parse(string? header)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header))
        {
            return pairs;
        }

        foreach (var pair in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 1 or > 2 || !pairs.TryAdd(parts[0], parts.Length == 2 ? Decode(parts[0], parts[1]) : ""))
            {
                throw new FormatException($"Upload-Metadata holds '{pair}': each pair is a unique key and an optional Base64 value, separated by one space.");
            }
        }

        return pairs;
    }

    /// <summary>The file name a tus client sends (<c>filename</c>, or <c>name</c> as some clients do).</summary>
    public static string? FileName(IReadOnlyDictionary<string, string> metadata) =>
        metadata.GetValueOrDefault("filename") ?? metadata.GetValueOrDefault("name");

    public static string Encode(string key, string value) => $"{key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}";

    private static string Decode(string key, string value)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException exception)
        {
            throw new FormatException($"Upload-Metadata's value of '{key}' is not Base64.", exception);
        }
    }
}
