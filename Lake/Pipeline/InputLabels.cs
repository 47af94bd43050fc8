namespace Datapunk.Lake.Pipeline;

/// <summary>
/// The names an import's inputs are known by in entry keys (<c>label!path inside</c>): the file or
/// folder name, as <see cref="Archives.ExportEntry.Key"/> has it, made unique within the import
/// ("Takeout", "Takeout (2)") so two extracted folders of the same name do not collide. The same
/// export imported again gets the same keys.
/// </summary>
internal static class InputLabels
{
    public static IReadOnlyList<string> For(IReadOnlyList<ImportInput> inputs)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>(inputs.Count);
        foreach (var input in inputs)
        {
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(input.Name));
            var count = seen[name] = seen.GetValueOrDefault(name) + 1;
            labels.Add(count == 1 ? name : $"{name} ({count})");
        }

        return labels;
    }
}
