using System.Text.RegularExpressions;

namespace Datapunk.Lake.Reading;

/// <summary>
/// The sources a reading may be narrowed to: an export format id (<c>google.keep.note</c>) or a family of them
/// (<c>google.keep</c>, <c>google</c>), as the files that stored the records name them (<c>imports.files.format_id</c>:
/// imports, polls and live fixes alike).
/// </summary>
public static partial class RecordSources
{
    /// <summary>Adds an error for each name that cannot be a format id or family.</summary>
    public static void Check(IEnumerable<string> sources, QueryErrors errors)
    {
        foreach (var source in sources.Where(source => !Name().IsMatch(source)))
        {
            errors.Add("source", $"'{source}' is not an export format id (such as google.keep.note) or family (such as google.keep).");
        }
    }

    /// <summary>SQL that holds when the format id in <paramref name="formatColumn"/> is one of the text array <paramref name="sources"/> or of their families.</summary>
    public static string Matches(string formatColumn, string sources) =>
        $"EXISTS (SELECT 1 FROM unnest({sources}) AS s(name) WHERE {formatColumn} = s.name OR starts_with({formatColumn}, s.name || '.'))";

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,99}$")]
    private static partial Regex Name();
}
