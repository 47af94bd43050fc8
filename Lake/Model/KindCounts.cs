using System.Text.Json.Nodes;

namespace Datapunk.Lake.Model;

/// <summary>A count per <see cref="RecordKind"/>, stored as a jsonb object of the non-zero kinds by name.</summary>
public sealed class KindCounts
{
    private readonly long[] _counts = new long[RecordKinds.All.Count];

    public long this[RecordKind kind] => _counts[(int)kind];

    public long Total => _counts.Sum();

    public void Add(RecordKind kind, long count) => _counts[(int)kind] += count;

    public void Add(KindCounts other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>Every kind by its snake_case name, zeros included (the CLI's <c>records</c> object).</summary>
    public Dictionary<string, long> ToDictionary() => RecordKinds.All.ToDictionary(kind => kind.ToName(), kind => _counts[(int)kind]);

    public string ToJson()
    {
        var json = new JsonObject();
        foreach (var kind in RecordKinds.All)
        {
            if (_counts[(int)kind] != 0)
            {
                json[kind.ToName()] = _counts[(int)kind];
            }
        }

        return json.ToJsonString();
    }

    /// <summary>Adds the counts of a jsonb object written by <see cref="ToJson"/>; unknown names are ignored.</summary>
    public void AddJson(string? json)
    {
        if (string.IsNullOrEmpty(json) || JsonNode.Parse(json) is not JsonObject counts)
        {
            return;
        }

        foreach (var kind in RecordKinds.All)
        {
            if (counts[kind.ToName()] is JsonValue value && value.TryGetValue<long>(out var count))
            {
                _counts[(int)kind] += count;
            }
        }
    }
}
