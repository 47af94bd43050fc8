using System.Globalization;
using Datapunk.Lake.Reading;
using Microsoft.AspNetCore.Http.Extensions;

namespace Datapunk.Silo.Api;

/// <summary>
/// The query-string values of the reading routes (records, timeline, map, stats), parsed with an
/// error per parameter that says what was expected, and the link to a listing's next page.
/// </summary>
internal static class ReadingParameters
{
    /// <summary>An instant in ISO 8601 (<c>2019-05-03T10:00:00+02:00</c>; without an offset, UTC; a date alone is its UTC midnight).</summary>
    public static DateTimeOffset? Instant(string? text, string name, QueryErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        errors.Add(name, $"'{text}' is not an ISO 8601 date or time (such as 2019-05-03 or 2019-05-03T10:00:00Z).");
        return null;
    }

    /// <summary>A calendar date, <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly? Date(string? text, string name, QueryErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(name, $"'{text}' is not a date in the form yyyy-MM-dd.");
        return null;
    }

    /// <summary>The page size or point count asked for, or <paramref name="fallback"/>; the readers' checks bound it.</summary>
    public static int Limit(string? text, int fallback, QueryErrors errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
        {
            return limit;
        }

        errors.Add("limit", $"'{text}' is not a whole number.");
        return fallback;
    }

    /// <summary>A required whole number in a route, such as a tile's <c>z</c>, <c>x</c> and <c>y</c>.</summary>
    public static int WholeNumber(string text, string name, QueryErrors errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(name, $"'{text}' is not a whole number of at least 0.");
        return 0;
    }

    /// <summary><c>minLng,minLat,maxLng,maxLat</c> in degrees; required.</summary>
    public static BoundingBox Box(string? text, QueryErrors errors)
    {
        var parts = text?.Split(',') ?? [];
        var degrees = new double[4];
        if (parts.Length == 4 && parts.Select((part, i) => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out degrees[i])).All(parsed => parsed))
        {
            return new BoundingBox(degrees[0], degrees[1], degrees[2], degrees[3]);
        }

        errors.Add("bbox", text is null
            ? "A box is required: bbox=minLng,minLat,maxLng,maxLat in degrees."
            : $"'{text}' is not a box: give bbox=minLng,minLat,maxLng,maxLat as four numbers in degrees.");
        return new BoundingBox(-180, -90, 180, 90);
    }

    /// <summary>Kind names, repeated (<c>kind=a&amp;kind=b</c>) or comma-separated.</summary>
    public static IReadOnlyList<string> Kinds(HttpRequest request) => Listed(request, "kind");

    /// <summary>A parameter's values, repeated or comma-separated, each once.</summary>
    public static string[] Listed(HttpRequest request, string name) =>
        [.. request.Query[name].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct()];

    /// <summary>This request's path and query with <c>after</c> set to <paramref name="cursor"/>; null without a cursor.</summary>
    public static string? NextLink(HttpRequest request, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var query = new QueryBuilder(request.Query.Where(parameter => parameter.Key != "after")) { { "after", cursor } };
        return request.PathBase + request.Path + query.ToQueryString();
    }
}
