using System.Globalization;

namespace Datapunk.Silo.Telemetry;

/// <summary>A measurement's tags in canonical form (sorted by name, values as invariant text), used as an aggregation key.</summary>
internal sealed class LabelSet : IEquatable<LabelSet>
{
    public static readonly LabelSet Empty = new([]);

    private readonly int _hashCode;

    private LabelSet(KeyValuePair<string, string>[] labels)
    {
        Labels = labels;
        var hash = new HashCode();
        foreach (var (key, value) in labels)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        _hashCode = hash.ToHashCode();
    }

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(tags[i].Key, FormatValue(tags[i].Value));
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LabelSet(labels);
    }

    public bool Equals(LabelSet? other)
    {
        if (other is null || other._hashCode != _hashCode || other.Labels.Count != Labels.Count)
        {
            return false;
        }

        for (var i = 0; i < Labels.Count; i++)
        {
            if (!string.Equals(Labels[i].Key, other.Labels[i].Key, StringComparison.Ordinal)
                || !string.Equals(Labels[i].Value, other.Labels[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => _hashCode;

    /// <summary>A stable order for exposition, so consecutive scrapes list series the same way.</summary>
    public static int Compare(LabelSet a, LabelSet b)
    {
        for (var i = 0; i < Math.Min(a.Labels.Count, b.Labels.Count); i++)
        {
            var byKey = string.CompareOrdinal(a.Labels[i].Key, b.Labels[i].Key);
            if (byKey != 0)
            {
                return byKey;
            }

            var byValue = string.CompareOrdinal(a.Labels[i].Value, b.Labels[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return a.Labels.Count.CompareTo(b.Labels.Count);
    }

    private static string FormatValue(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
