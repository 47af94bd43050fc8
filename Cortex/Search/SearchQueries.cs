using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Search;

/// <summary>Checks a search query and turns it into what the SQL needs.</summary>
public static class SearchQueries
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const double MaxRadiusMeters = 1_000_000;

    /// <summary>What is wrong with <paramref name="query"/>, by parameter (nothing when it can run).</summary>
    public static QueryErrors Check(SearchQuery query)
    {
        var errors = new QueryErrors();
        Parse(query, errors);
        return errors;
    }

    internal static ParsedSearch Parse(SearchQuery query, QueryErrors errors)
    {
        var text = query.Text?.Trim() ?? "";
        if (text.Length == 0 || text.Length > ReadingLimits.MaxTextLength)
        {
            errors.Add("q", $"The text to search for must be 1 to {ReadingLimits.MaxTextLength} characters.");
        }

        var recordKinds = query.Kinds.Where(kind => kind != TableRowHits.Kind).ToList();
        var kinds = query.Kinds.Count == 0 ? RecordKindNames.Records
            : recordKinds.Count == 0 ? [] : RecordKindNames.ParseRecordKinds(recordKinds, errors);
        ReadingLimits.CheckLimit(errors, query.Limit, MaxLimit);
        ReadingLimits.CheckRange(errors, query.From, query.To);
        RecordSources.Check(query.Sources, errors);

        CheckNear(query, errors);
        var words = SearchTerms.Words(text);
        return new ParsedSearch(
            text, words, SearchTerms.TsQuery(words), [.. kinds.Select(kind => (short)kind)], recordKinds.Count < query.Kinds.Count || query.Kinds.Count == 0,
            Methods(query, errors), query, SearchCursor.Decode(query.After, errors));
    }

    private static HashSet<string> Methods(SearchQuery query, QueryErrors errors)
    {
        if (query.Methods is not { Count: > 0 } asked)
        {
            return [.. SearchMethods.All];
        }

        foreach (var unknown in asked.Where(method => !SearchMethods.All.Contains(method)))
        {
            errors.Add("method", $"'{unknown}' is not a search method: use {string.Join(", ", SearchMethods.All)} (or none for all of them, fused).");
        }

        return [.. asked];
    }

    private static void CheckNear(SearchQuery query, QueryErrors errors)
    {
        if (query.Near is { } near)
        {
            if (near.Lat is < -90 or > 90 || near.Lng is < -180 or > 180 || double.IsNaN(near.Lat) || double.IsNaN(near.Lng))
            {
                errors.Add("near", "near must be lat,lng in degrees: latitude -90 to 90, longitude -180 to 180.");
            }

            if (query.RadiusMeters is not { } radius || !(radius > 0 && radius <= MaxRadiusMeters))
            {
                errors.Add("radius", $"near needs a radius in metres, more than 0 and at most {MaxRadiusMeters:0}.");
            }
        }
        else if (query.RadiusMeters is not null)
        {
            errors.Add("radius", "A radius needs a point: near=lat,lng.");
        }
    }
}
