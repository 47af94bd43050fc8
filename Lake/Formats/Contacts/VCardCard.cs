using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Contacts;

/// <summary>The properties of one vCard as read, with the labels of its property groups (<c>item1.X-ABLabel</c>).</summary>
public sealed class VCardCard(long offset)
{
    /// <summary>Real cards have dozens of properties; this bounds a hostile one.</summary>
    public const int MaxProperties = 10_000;

    private readonly List<ContentLine> _properties = [];
    private readonly Dictionary<string, string> _groupLabels = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Byte offset of the BEGIN:VCARD line.</summary>
    public long Offset { get; } = offset;

    public IReadOnlyList<ContentLine> Properties => _properties;

    public void Add(ContentLine line)
    {
        if (line.Is("X-ABLABEL") && line.Group is not null)
        {
            // The label may come before or after the property it names, so it is looked up at the end.
            _groupLabels[line.Group] = CleanLabel(ContentValues.Unescape(line.Value));
        }
        else if (_properties.Count < MaxProperties)
        {
            _properties.Add(line);
        }
    }

    public ContentLine? First(string name) => _properties.FirstOrDefault(p => p.Is(name));

    public IEnumerable<ContentLine> All(string name) => _properties.Where(p => p.Is(name));

    /// <summary>The custom label of the property's group, or null.</summary>
    public string? Label(ContentLine line) => line.Group is not null && _groupLabels.TryGetValue(line.Group, out var label) ? label : null;

    /// <summary>Apple's built-in labels are written <c>_$!&lt;Anniversary&gt;!$_</c>; the name inside is the label.</summary>
    private static string CleanLabel(string label) =>
        label.StartsWith("_$!<", StringComparison.Ordinal) && label.EndsWith(">!$_", StringComparison.Ordinal) ? label[4..^4] : label.Trim();
}
