using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Datapunk.Silo.Api;

/// <summary>
/// A tile as an HTTP answer: the MVT bytes or 204, cacheable by the caller's own browser only (it is
/// personal data: never by a shared cache), for a short while because an import may add fixes, and
/// per credential, so a browser that another user signs in to does not show the first one's tiles.
/// </summary>
internal static class MapTileResponses
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";

    public static Results<FileContentHttpResult, NoContent, ValidationProblem> Of(HttpContext http, MapTile tile)
    {
        http.Response.Headers.CacheControl = "private, max-age=60";
        http.Response.Headers.Vary = new[] { HeaderNames.Authorization, HeaderNames.Cookie };
        http.Response.Headers["X-Datapunk-Fixes"] = tile.Fixes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["X-Datapunk-Thinned"] = tile.Thinned ? "true" : "false";
        return tile.Features == 0 ? TypedResults.NoContent() : TypedResults.File(tile.Data, ContentType);
    }
}
