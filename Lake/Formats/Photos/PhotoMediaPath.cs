using System.Text.RegularExpressions;

namespace Datapunk.Lake.Formats.Photos;

/// <summary>
/// The media file a Google Photos sidecar describes, from the sidecar's own path. Takeout names
/// sidecars by these rules, undone here in this order:
/// <list type="number">
/// <item>Every sidecar ends in <c>.json</c>: <c>IMG_1.jpg.json</c> describes <c>IMG_1.jpg</c>.</item>
/// <item>A duplicate's counter moves behind the extension: <c>DSC_0238.JPG(1).json</c> (and, since
/// 2024, <c>DSC_0238.JPG.supplemental-metadata(1).json</c>) describes <c>DSC_0238(1).JPG</c>.</item>
/// <item>Since 2024 the suffix is <c>.supplemental-metadata.json</c>, and when the name is too
/// long the suffix is cut short (<c>.supplemental-metad.json</c>, <c>.suppl.json</c>): any non-empty
/// prefix of it is removed where what remains still has an extension or begins the title.</item>
/// <item>Long names are truncated (Takeout keeps the first 46 or so characters before <c>.json</c>),
/// losing the end of the name and often the extension: when the sidecar's <c>title</c> (the full
/// original file name) starts with what is left, the title is the media name.</item>
/// </list>
/// Edited copies (<c>IMG_1-edited.jpg</c>) have no sidecar of their own; the one found here is the original.
/// </summary>
internal static partial class PhotoMediaPath
{
    private const string SupplementalSuffix = "supplemental-metadata";

    /// <summary>The media path beside <paramref name="sidecarPath"/>, or null when the path is not a sidecar's.</summary>
    public static string? FromSidecar(string sidecarPath, string? title)
    {
        var slash = sidecarPath.LastIndexOf('/');
        var folder = sidecarPath[..(slash + 1)];
        var name = sidecarPath[(slash + 1)..];
        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.Length <= 5)
        {
            return null;
        }

        var stem = name[..^5];
        var counter = Counter().Match(stem);
        if (counter.Success)
        {
            stem = stem[..counter.Index];
        }

        stem = WithoutSupplementalSuffix(stem, title);
        if (title is { Length: > 0 } && title.Length > stem.Length && title.StartsWith(stem, StringComparison.Ordinal))
        {
            stem = title;
        }

        return folder + (counter.Success ? InsertBeforeExtension(stem, counter.Value) : stem);
    }

    /// <summary>True for the 2024+ naming, <c>….supplemental-metadata.json</c>, whole or cut short.</summary>
    public static bool IsSupplemental(string sidecarName, string? title)
    {
        if (!sidecarName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var stem = sidecarName[..^5];
        var counter = Counter().Match(stem);
        stem = counter.Success ? stem[..counter.Index] : stem;
        return WithoutSupplementalSuffix(stem, title).Length != stem.Length;
    }

    /// <summary>
    /// Removes a (possibly cut) ".supplemental-metadata" when what remains still looks like a media
    /// name: it has an extension, or the title starts with it (the extension was truncated away).
    /// </summary>
    private static string WithoutSupplementalSuffix(string stem, string? title)
    {
        var dot = stem.LastIndexOf('.');
        if (dot <= 0 || dot == stem.Length - 1 || stem == title)
        {
            return stem;
        }

        var remainder = stem[..dot];
        var isSuffix = SupplementalSuffix.StartsWith(stem[(dot + 1)..], StringComparison.OrdinalIgnoreCase);
        var plausible = remainder.Contains('.') || (title?.StartsWith(remainder, StringComparison.Ordinal) ?? false);
        return isSuffix && plausible ? remainder : stem;
    }

    private static string InsertBeforeExtension(string name, string counter)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] + counter + name[dot..] : name + counter;
    }

    [GeneratedRegex(@"\(\d+\)$")]
    private static partial Regex Counter();
}
