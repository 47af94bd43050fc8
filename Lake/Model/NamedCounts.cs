using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Model;

/// <summary>
/// A count per value of an enum whose values have contract names (record kinds, match rules,
/// reject reasons), stored as a jsonb object of the non-zero ones by name and reported by name.
/// </summary>
/// <typeparam name="TKey">An enum over <c>int</c> whose values run from 0 without gaps.</typeparam>
public abstract class NamedCounts<TKey>
    where TKey : struct, Enum
{
    private readonly IReadOnlyList<TKey> _keys;
    private readonly Func<TKey, string> _name;
    private readonly long[] _counts;

    protected NamedCounts(IReadOnlyList<TKey> keys, Func<TKey, string> name)
    {
        _keys = keys;
        _name = name;
        _counts = new long[keys.Count];
    }

    public long this[TKey key] => _counts[Index(key)];

    public long Total => _counts.Sum();

    public void Add(TKey key, long count) => _counts[Index(key)] += count;

    public void Add(NamedCounts<TKey> other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>Every value by its name, zeros included (the report's <c>records</c> and <c>matched</c> objects).</summary>
    public virtual Dictionary<string, long> ToDictionary() => _keys.ToDictionary(_name, key => this[key]);

    /// <summary>The non-zero values by name, as stored.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject();
        foreach (var key in _keys.Where(key => this[key] != 0))
        {
            json[_name(key)] = this[key];
        }

        return json;
    }

    public string ToJson() => ToJsonObject().ToJsonString();

    /// <summary>Adds the counts of a stored jsonb object of counts by name; unknown names are ignored.</summary>
    public void AddJson(string? json)
    {
        if (string.IsNullOrEmpty(json) || JsonNode.Parse(json) is not JsonObject counts)
        {
            return;
        }

        foreach (var key in _keys)
        {
            if (counts[_name(key)] is JsonValue value && value.TryGetValue<long>(out var count))
            {
                _counts[Index(key)] += count;
            }
        }
    }

    // Counted once per fix read: the enum's value, without boxing it.
    private static int Index(TKey key) => Unsafe.As<TKey, int>(ref key);
}
