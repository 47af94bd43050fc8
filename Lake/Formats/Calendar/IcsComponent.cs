using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Calendar;

/// <summary>The properties of one VEVENT as read, in order; sub-components (VALARM) are not included.</summary>
public sealed class IcsComponent(long offset)
{
    /// <summary>Google events carry a few dozen properties; this bounds a hostile one.</summary>
    public const int MaxProperties = 10_000;

    private readonly List<ContentLine> _properties = [];

    /// <summary>Byte offset of the BEGIN line.</summary>
    public long Offset { get; } = offset;

    public int Dropped { get; private set; }

    public IReadOnlyList<ContentLine> Properties => _properties;

    public void Add(ContentLine line)
    {
        if (_properties.Count < MaxProperties)
        {
            _properties.Add(line);
        }
        else
        {
            Dropped++;
        }
    }

    public ContentLine? First(string name) => _properties.FirstOrDefault(p => p.Is(name));

    public IEnumerable<ContentLine> All(string name) => _properties.Where(p => p.Is(name));

    /// <summary>A text property's value with its escapes undone, or null when absent or empty.</summary>
    public string? Text(string name) => First(name) is { } line && ContentValues.Unescape(line.Value) is { Length: > 0 } text ? text : null;
}
