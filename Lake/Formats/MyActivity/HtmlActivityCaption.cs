using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// The caption of an HTML activity cell: sections opened by a bold key ("Products:", "Locations:",
/// "Details:", "Why is this here?", or the same in the export's language), one value per line,
/// turned into the JSON schema's products, locationInfos, details and activityControls.
/// </summary>
public static class HtmlActivityCaption
{
    private static readonly Dictionary<string, string> CaptionKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["products"] = "products", ["produkte"] = "products", ["produits"] = "products", ["productos"] = "products",
        ["prodotti"] = "products", ["producten"] = "products", ["produtos"] = "products",
        ["locations"] = "locationInfos", ["location"] = "locationInfos", ["standorte"] = "locationInfos", ["lieux"] = "locationInfos",
        ["ubicaciones"] = "locationInfos", ["posizioni"] = "locationInfos", ["locaties"] = "locationInfos", ["locais"] = "locationInfos",
        ["details"] = "details", ["détails"] = "details", ["detalles"] = "details", ["dettagli"] = "details", ["detalhes"] = "details",
        ["why is this here"] = "activityControls",
    };

    /// <summary>Adds products, details, locationInfos and activityControls (and unknown sections under "captions") to the entry.</summary>
    public static void AddTo(JsonObject entry, List<HtmlLine> caption, Action<string, string> reportUnknownCaption)
    {
        string? key = null;
        foreach (var line in caption)
        {
            if (line.Bold is { Length: > 0 } bold)
            {
                var name = bold.TrimEnd(':', '?', ' ');
                key = CaptionKeys.GetValueOrDefault(name);
                if (key is null)
                {
                    reportUnknownCaption(name, "(caption section)");
                    key = "captions/" + name;
                }

                if (CopyAfterBold(line, bold) is { } rest)
                {
                    AddCaptionValue(entry, key, rest);
                }
            }
            else if (key is not null && !line.IsEmpty)
            {
                AddCaptionValue(entry, key, line);
            }
        }
    }

    /// <summary>The part of a key line after its bold key, as a line of its own.</summary>
    private static HtmlLine? CopyAfterBold(HtmlLine line, string bold)
    {
        var text = HtmlText.CollapseWhitespace(line.Text.ToString());
        var copy = new HtmlLine();
        copy.Text.Append(text[Math.Min(bold.Length, text.Length)..]);
        copy.Links.AddRange(line.Links);
        return copy.IsEmpty ? null : copy;
    }

    private static void AddCaptionValue(JsonObject entry, string key, HtmlLine line)
    {
        var text = line.Normalised;
        switch (key)
        {
            case "products":
                ListAt(entry, key).Add(text);
                break;
            case "details":
                ListAt(entry, key).Add(new JsonObject { ["name"] = text });
                break;
            case "locationInfos":
                ListAt(entry, key).Add(Location(line, text));
                break;
            case "activityControls":
                // "…because the following settings were on: Web & App Activity. You can control…"
                var colon = text.IndexOf(':');
                var stop = colon < 0 ? -1 : text.IndexOf('.', colon);
                foreach (var control in (colon < 0 ? text : stop < 0 ? text[(colon + 1)..] : text[(colon + 1)..stop]).Split(','))
                {
                    if (control.Trim() is { Length: > 0 } trimmed)
                    {
                        ListAt(entry, key).Add(trimmed);
                    }
                }

                break;
            default:
                var captions = entry["captions"] as JsonObject ?? (JsonObject)(entry["captions"] = new JsonObject());
                var name = key["captions/".Length..];
                (captions[name] as JsonArray ?? (JsonArray)(captions[name] = new JsonArray())).Add(text);
                break;
        }
    }

    /// <summary>"From your home: &lt;a href=maps?q=…&gt;…&lt;/a&gt;" → source, url (and a second link as sourceUrl).</summary>
    private static JsonObject Location(HtmlLine line, string text)
    {
        var location = new JsonObject();
        var firstLinkText = line.Links.Count > 0 ? line.Links[0].Text : null;
        var source = firstLinkText is { Length: > 0 } && text.IndexOf(firstLinkText, StringComparison.Ordinal) is var at and > 0
            ? text[..at].Trim().TrimEnd(':', '-', ' ')
            : line.Links.Count == 0 ? text : null;
        if (firstLinkText is not null && firstLinkText != line.Links[0].Href)
        {
            location["name"] = firstLinkText;
        }

        if (line.Links.Count > 0)
        {
            location["url"] = line.Links[0].Href;
        }

        if (source is { Length: > 0 })
        {
            location["source"] = source;
        }

        if (line.Links.Count > 1)
        {
            location["sourceUrl"] = line.Links[1].Href;
        }

        return location;
    }

    private static JsonArray ListAt(JsonObject entry, string key) => entry[key] as JsonArray ?? (JsonArray)(entry[key] = new JsonArray())!;
}
