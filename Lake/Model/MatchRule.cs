namespace Datapunk.Lake.Model;

/// <summary>
/// Why a record read was not stored anew: which rule matched it with a record already stored
/// (docs/import.md, "Record identity"). The report counts each by its name, a contract.
/// </summary>
public enum MatchRule
{
    /// <summary>The same record in the same format and variant: a re-import, an overlapping export of the same kind, a repeat inside a file.</summary>
    Exact,

    /// <summary>The same record in another format or generation of the same source (Records.json and Location History.json or a phone's Timeline export, all Google).</summary>
    CrossFormat,

    /// <summary>The same record from another source (another provider, or later a live connection).</summary>
    CrossSource,
}

public static class MatchRules
{
    public static IReadOnlyList<MatchRule> All { get; } = Enum.GetValues<MatchRule>();

    public static string ToName(this MatchRule rule) => rule switch
    {
        MatchRule.Exact => "exact",
        MatchRule.CrossFormat => "cross_format",
        MatchRule.CrossSource => "cross_source",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>
    /// The rule for a record read from a file of format <paramref name="readFormat"/> (variant
    /// <paramref name="readVariant"/>, the generation of the format: Records.json and the older
    /// Location History.json are one reader's two variants) that matched one stored from a file of
    /// <paramref name="storedFormat"/> and <paramref name="storedVariant"/>. A format id's first
    /// segment is its source ("google.location.records" is Google's); a stored record whose file is
    /// unknown counts as the same format.
    /// </summary>
    public static MatchRule Between(string readFormat, string? readVariant, string? storedFormat, string? storedVariant) =>
        storedFormat is null || (storedFormat == readFormat && storedVariant == readVariant) ? MatchRule.Exact
        : SourceOf(storedFormat).SequenceEqual(SourceOf(readFormat)) ? MatchRule.CrossFormat
        : MatchRule.CrossSource;

    private static ReadOnlySpan<char> SourceOf(string formatId) =>
        formatId.AsSpan(0, formatId.IndexOf('.') is var dot and > 0 ? dot : formatId.Length);
}
