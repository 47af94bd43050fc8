using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Datapunk.Silo.WebApp;

/// <summary>
/// The web app at <c>/</c> (docs/web.md): each page's path answers <c>index.html</c>, which holds no
/// data (everything it shows comes from the API with the signed-in user's token), so it needs no
/// token itself; <c>/assets/*</c> are the app's scripts, served before authentication runs.
/// </summary>
public static class WebAppPages
{
    /// <summary>The app's pages (Silo/Web/src/App.tsx); <c>/sign-in#code=…</c> is the owner's first-run link.</summary>
    public static readonly string[] Paths =
        ["/", "/sign-in", "/timeline", "/map", "/search", "/ask", "/sql", "/places", "/stats", "/catalog", "/import", "/tables", "/sources", "/privacy", "/tokens", "/admin"];

    private const string BaseTilesPlaceholder = "%DATAPUNK_BASE_TILES%";

    /// <summary>OpenStreetMap's standard tiles, unless <c>Web:BaseTilesUrl</c> names others (empty: none, outlines only).</summary>
    public const string DefaultBaseTiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>The scripts and styles MIME types <see cref="UseWebAppAssets"/> compresses.</summary>
    private static readonly string[] CompressedTypes = ["text/javascript", "application/javascript", "text/css"];

    /// <summary>
    /// Brotli (else gzip) for the app's scripts and styles: MapLibre and its worker are 1.8 MB of script,
    /// about a third of that compressed. Only <c>/assets/*</c> is compressed (see <see cref="UseWebAppAssets"/>),
    /// so no response that carries a secret or a user's data is, and a compression side channel
    /// (BREACH) has nothing to read, even over HTTPS.
    /// </summary>
    public static IServiceCollection AddWebAppCompression(this IServiceCollection services) => services
        .Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal)
        .Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal)
        .AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });

    /// <summary>
    /// Serves <c>/assets/*</c> (content-hashed names, so cached for a year) without authentication,
    /// compressed for a browser that accepts it (<see cref="AddWebAppCompression"/>).
    /// </summary>
    public static WebApplication UseWebAppAssets(this WebApplication app, WebAppFiles files)
    {
        if (files.Assets is { } assets)
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal), assetsOnly => assetsOnly.UseResponseCompression());
            var types = new FileExtensionContentTypeProvider();
            types.Mappings[".mjs"] = "text/javascript";
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = assets,
                RequestPath = "/assets",
                ContentTypeProvider = types,
                OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
            });
        }

        return app;
    }

    public static WebApplication MapWebAppPages(this WebApplication app, WebAppFiles files)
    {
        var tiles = app.Configuration["Web:BaseTilesUrl"] ?? DefaultBaseTiles;
        var html = files.IndexHtml?.Replace(BaseTilesPlaceholder, WebUtility.HtmlEncode(tiles), StringComparison.Ordinal);
        var policy = ContentSecurityPolicy(tiles);
        foreach (var path in Paths)
        {
            app.MapGet(path, (HttpContext http) =>
            {
                if (html is null)
                {
                    return Results.Problem(
                        $"The web app was not built into this silo: {files.Root} has no index.html. Build the Silo project with npm on the PATH (docs/web.md).",
                        statusCode: StatusCodes.Status503ServiceUnavailable);
                }

                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers.ContentSecurityPolicy = policy;
                http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                http.Response.Headers.XFrameOptions = "DENY";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                return Results.Content(html, "text/html; charset=utf-8");
            }).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>Scripts from the silo only; the base tiles' origin may be fetched and drawn (as blobs) besides the silo's own.</summary>
    private static string ContentSecurityPolicy(string tiles)
    {
        var tileOrigin = Uri.TryCreate(tiles.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? " " + uri.GetLeftPart(UriPartial.Authority)
            : "";
        return $"default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; "
            + $"img-src 'self' data: blob:{tileOrigin}; connect-src 'self'{tileOrigin}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }
}
