using System.Globalization;

namespace Datapunk.Actors;

/// <summary>
/// The identity of a grain: its type name (the grain interface's alias or full name) and its key
/// in canonical text form. Equal ids always address the same activation cluster-wide.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    private readonly int _hash;

    public GrainId(string type, string key)
    {
        Type = type;
        Key = key;
        _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(type), StringComparer.Ordinal.GetHashCode(key));
    }

    public string Type { get; }

    public string Key { get; }

    public static string KeyOf(Guid key) => key.ToString("D");

    public static string KeyOf(long key) => key.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses the "type/key" form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{text}' is not a grain id of the form type/key.");
        }

        return new GrainId(text[..slash], text[(slash + 1)..]);
    }

    public bool Equals(GrainId other) => _hash == other._hash
        && string.Equals(Type, other.Type, StringComparison.Ordinal)
        && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => $"{Type}/{Key}";

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
