using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// Reports schema drift for one entry: each unknown field path once, however many elements carry it,
/// so a file with a million points and one new field yields one report.
/// </summary>
public sealed class UnknownFieldLog(IImportSink sink)
{
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    // Unknown names already reported under each parent path, looked up without allocating: drift
    // usually means a new field on every element, and elements can number in the millions.
    private readonly Dictionary<string, HashSet<string>> _namesByParent = new(StringComparer.Ordinal);

    public void Report(string fieldPath, string example)
    {
        if (_reported.Add(fieldPath))
        {
            sink.ReportUnknownField(fieldPath, example);
        }
    }

    /// <summary>Reports a field seen in a parsed node tree, with its value as the example.</summary>
    public void ReportValue(string fieldPath, JsonNode? value)
    {
        if (!_reported.Contains(fieldPath))
        {
            Report(fieldPath, Example(value));
        }
    }

    /// <summary>Reports the current property of <paramref name="reader"/> (positioned on its value) when it is not known.</summary>
    public void Check(string parentPath, ReadOnlySpan<byte> utf8Name, ref Utf8JsonReader reader, KnownFieldNames known)
    {
        if (known.Contains(utf8Name))
        {
            return;
        }

        if (!_namesByParent.TryGetValue(parentPath, out var names))
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            _namesByParent.Add(parentPath, names);
        }

        Span<char> chars = stackalloc char[256];
        if (utf8Name.Length <= chars.Length
            && System.Text.Encoding.UTF8.TryGetChars(utf8Name, chars, out var written)
            && names.GetAlternateLookup<ReadOnlySpan<char>>().Contains(chars[..written]))
        {
            return;
        }

        var name = System.Text.Encoding.UTF8.GetString(utf8Name);
        names.Add(name);
        Report(parentPath + "." + name, JsonFields.Example(ref reader));
    }

    /// <summary>Reports every property of <paramref name="node"/> that is not known; nothing when it is not an object.</summary>
    public void Check(string path, JsonNode? node, KnownFieldNames known)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var (name, value) in obj)
        {
            if (!known.Contains(name))
            {
                ReportValue(path + "." + name, value);
            }
        }
    }

    private static string Example(JsonNode? value)
    {
        var text = value switch
        {
            null => "null",
            JsonObject => "{…}",
            JsonArray => "[…]",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => value.ToJsonString(),
        };
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
