namespace Datapunk.Lake.Archives;

/// <summary>Normalises entry names and refuses the ones that try to leave the export ("../", absolute paths).</summary>
public static class EntryPaths
{
    /// <summary>The '/'-separated relative path, or null with a reason when the name is unsafe.</summary>
    public static string? Normalise(string rawName, out string? problem)
    {
        problem = null;
        var name = rawName.Replace('\\', '/');
        if (name.StartsWith('/') || (name.Length >= 2 && name[1] == ':'))
        {
            problem = $"the entry name '{rawName}' is an absolute path";
            return null;
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            problem = $"the entry name '{rawName}' climbs out of the archive with '..'";
            return null;
        }

        if (name.Contains('\0'))
        {
            problem = $"the entry name '{rawName}' contains a NUL character";
            return null;
        }

        return string.Join('/', segments.Where(s => s != "."));
    }
}
