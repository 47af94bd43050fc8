using System.Text.RegularExpressions;

namespace Datapunk.Lake.Reading;

/// <summary>Checks a records query and turns it into what the SQL needs.</summary>
public static partial class RecordsQueries
{
    /// <summary>What is wrong with <paramref name="query"/>, by parameter (nothing when it can run).</summary>
    public static QueryErrors Check(RecordsQuery query)
    {
        var errors = new QueryErrors();
        Parse(query, errors);
        return errors;
    }

    internal static ParsedRecordsQuery Parse(RecordsQuery query, QueryErrors errors)
    {
        var kinds = query.Kinds.Count == 0 ? RecordKindNames.Records : RecordKindNames.ParseRecordKinds(query.Kinds, errors);
        ReadingLimits.CheckLimit(errors, query.Limit, ReadingLimits.MaxRecords);
        ReadingLimits.CheckRange(errors, query.From, query.To);
        if (query.Source is { } source && !SourceName().IsMatch(source))
        {
            errors.Add("source", $"'{source}' is not an export format id (such as spotify.extended-history) or family (such as spotify).");
        }

        var text = query.Text?.Trim();
        if (query.Text is not null && (text!.Length == 0 || text.Length > ReadingLimits.MaxTextLength))
        {
            errors.Add("q", $"The text to search for must be 1 to {ReadingLimits.MaxTextLength} characters.");
        }

        return new ParsedRecordsQuery([.. kinds.Select(kind => (short)kind)], text, PageCursor.Decode(query.After, errors));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,99}$")]
    private static partial Regex SourceName();
}

