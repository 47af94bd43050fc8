namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// The field names a reader knows at one place in a format, looked up from UTF-8 property names
/// without allocating a string per field (readers check every field of every element).
/// </summary>
public sealed class KnownFieldNames
{
    private readonly HashSet<string> _names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public KnownFieldNames(params string[] names)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(string name) => _names.Contains(name);

    public bool Contains(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length > 256)
        {
            return false;
        }

        Span<char> chars = stackalloc char[256];
        return System.Text.Encoding.UTF8.TryGetChars(utf8Name, chars, out var written) && _lookup.Contains(chars[..written]);
    }
}
