namespace Datapunk.Lake.Catalog;

/// <summary>Collects a lineage graph's nodes (each once, by id) and edges.</summary>
internal sealed class LineageGraphBuilder(string root)
{
    private readonly Dictionary<string, LineageNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<LineageEdge> _edges = [];

    public string Node(string id, string type, string label, params (string Key, string? Value)[] facts)
    {
        if (!_nodes.ContainsKey(id))
        {
            _nodes[id] = new LineageNode(id, type, label, facts.Where(fact => fact.Value is not null).ToDictionary(fact => fact.Key, fact => fact.Value!, StringComparer.Ordinal));
        }

        return id;
    }

    public void Edge(string from, string to, string relation, long? rows = null)
    {
        if (!_edges.Exists(edge => edge.From == from && edge.To == to && edge.Relation == relation))
        {
            _edges.Add(new LineageEdge(from, to, relation, rows));
        }
    }

    public LineageGraph Build() => new(root, [.. _nodes.Values], _edges);
}
