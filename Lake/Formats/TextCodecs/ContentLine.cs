namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>
/// One unfolded iCalendar or vCard content line: <c>group.NAME;PARAM=value:value</c>. The value is
/// decoded from its transfer encoding and charset but keeps its backslash escapes, because
/// structured values (N, ADR) must be split on unescaped separators first (see <see cref="ContentValues"/>).
/// </summary>
/// <param name="Group">The group before the dot (<c>item1</c> in <c>item1.EMAIL</c>), or null.</param>
/// <param name="Name">The property name in upper case; empty for a line that is not a content line.</param>
/// <param name="Parameters">The parameters, one entry per value.</param>
/// <param name="Value">The decoded value (the raw line for a malformed one).</param>
/// <param name="Offset">Absolute byte offset of the line's start.</param>
public sealed record ContentLine(string? Group, string Name, IReadOnlyList<ContentParameter> Parameters, string Value, long Offset)
{
    /// <summary>True when the unfolded line was longer than the reader's limit and its end was dropped.</summary>
    public bool Truncated { get; init; }

    /// <summary>True when the line has no name and colon: not a content line at all.</summary>
    public bool IsMalformed => Name.Length == 0;

    /// <summary>The first value of a parameter, or null.</summary>
    public string? Parameter(string name) =>
        Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>Every value of a parameter.</summary>
    public IEnumerable<string> ParameterValues(string name) =>
        Parameters.Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value);

    public bool Is(string name) => Name.Equals(name, StringComparison.Ordinal);
}
