using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Model;

/// <summary>Records matched with stored ones, counted by <see cref="MatchRule"/>; stored as a jsonb object of the non-zero rules by name.</summary>
public sealed class MatchCounts
{
    private readonly long[] _counts = new long[MatchRules.All.Count];

    public long this[MatchRule rule] => _counts[(int)rule];

    public long Total => _counts.Sum();

    public void Add(MatchRule rule, long count) => _counts[(int)rule] += count;

    public void Add(MatchCounts other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>Every rule by name, zeros included (the report's <c>matched</c> object).</summary>
    public Dictionary<string, long> ToDictionary() => MatchRules.All.ToDictionary(rule => rule.ToName(), rule => _counts[(int)rule]);

    public string ToJson()
    {
        var json = new JsonObject();
        foreach (var rule in MatchRules.All)
        {
            if (_counts[(int)rule] != 0)
            {
                json[rule.ToName()] = _counts[(int)rule];
            }
        }

        return json.ToJsonString();
    }

    /// <summary>Adds the counts of a stored jsonb object (unknown names are ignored).</summary>
    public void AddJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var rule in MatchRules.All)
        {
            if (document.RootElement.TryGetProperty(rule.ToName(), out var count))
            {
                _counts[(int)rule] += count.GetInt64();
            }
        }
    }
}
