namespace Datapunk.Cortex.Places;

/// <summary>Where the gazetteer file the set-up wrote is (<see cref="PlacesOptions.GazetteerFile"/>).</summary>
public static class GazetteerFile
{
    public const string Variable = "DATAPUNK_GAZETTEER";

    private static readonly string RelativePath = Path.Combine(".datapunk", "geo", "gazetteer.tsv");

    /// <summary>The configured file, or the first one found; null when there is none.</summary>
    public static string? Locate(PlacesOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.GazetteerFile))
        {
            return Path.GetFullPath(options.GazetteerFile);
        }

        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } variable)
        {
            return Path.GetFullPath(variable);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
