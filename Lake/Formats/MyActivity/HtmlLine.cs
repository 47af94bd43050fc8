using System.Text;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>One <c>&lt;br&gt;</c>-separated line of an activity cell's part, with its links.</summary>
public sealed class HtmlLine
{
    /// <summary>All text of the line, entities decoded, no-break spaces kept (they separate verb and object).</summary>
    public StringBuilder Text { get; } = new();

    /// <summary>The text outside links: the verb of a title line ("Visited", "angesehen").</summary>
    public StringBuilder Outside { get; } = new();

    public List<HtmlLink> Links { get; } = [];

    /// <summary>The text of a <c>&lt;b&gt;</c> that opens the line: a caption key like "Products:".</summary>
    public string? Bold { get; set; }

    /// <summary>The text with every kind of space made one plain space, trimmed.</summary>
    public string Normalised => HtmlText.CollapseWhitespace(Text.ToString());

    /// <summary>No links and only spaces (no-break and em spaces included): the leftovers of markup between lines.</summary>
    public bool IsEmpty
    {
        get
        {
            if (Links.Count > 0)
            {
                return false;
            }

            foreach (var chunk in Text.GetChunks())
            {
                if (!chunk.Span.IsWhiteSpace())
                {
                    return false;
                }
            }

            return true;
        }
    }
}
