using Microsoft.Extensions.FileProviders;

namespace Datapunk.Silo.WebApp;

/// <summary>
/// The built web app (Silo/Web, built by the project's BuildWebApp target and copied next to the
/// silo's dll as <c>web/</c>): <c>index.html</c> and the hashed files under <c>assets/</c>.
/// </summary>
public sealed class WebAppFiles
{
    public const string Folder = "web";

    private WebAppFiles(string root, string? indexHtml)
    {
        Root = root;
        IndexHtml = indexHtml;
    }

    /// <summary>Where the files are: <c>web/</c> beside the silo's dll.</summary>
    public string Root { get; }

    /// <summary>The page every app route answers, or null when the app was not built into this silo.</summary>
    public string? IndexHtml { get; }

    public static WebAppFiles Find()
    {
        var root = Path.Combine(AppContext.BaseDirectory, Folder);
        var index = Path.Combine(root, "index.html");
        return new WebAppFiles(root, File.Exists(index) ? File.ReadAllText(index) : null);
    }

    /// <summary>The hashed scripts, styles and the map's worker; null when the app was not built.</summary>
    public IFileProvider? Assets => Directory.Exists(Path.Combine(Root, "assets")) ? new PhysicalFileProvider(Path.Combine(Root, "assets")) : null;
}
