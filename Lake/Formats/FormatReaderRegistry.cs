namespace Datapunk.Lake.Formats;

/// <summary>
/// Every export format reader in this assembly, found by reflection so that adding a format is
/// adding one class. Picks the best reader for an entry: content matches beat name matches; readers
/// are written so that no two claim the same content (tests hold every fixture against every reader).
/// </summary>
public sealed class FormatReaderRegistry
{
    public FormatReaderRegistry()
        : this(typeof(FormatReaderRegistry).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IExportFormatReader).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IExportFormatReader)Activator.CreateInstance(t)!))
    {
    }

    public FormatReaderRegistry(IEnumerable<IExportFormatReader> readers)
    {
        Readers = [.. readers];
        var duplicate = Readers.GroupBy(r => r.FormatId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two format readers claim the id {duplicate.Key}.");
        }
    }

    public IReadOnlyList<IExportFormatReader> Readers { get; }

    /// <summary>The reader for this entry, or null when no reader recognises it.</summary>
    public IExportFormatReader? Choose(EntrySample sample)
    {
        IExportFormatReader? best = null;
        var bestMatch = FormatMatch.None;
        foreach (var reader in Readers)
        {
            var match = reader.Detect(sample);
            if (match > bestMatch)
            {
                best = reader;
                bestMatch = match;
            }
        }

        return best;
    }
}
