namespace Datapunk.Grains;

/// <summary>The lineage of one record (where it came from, and what was derived from it) or of one source file (what depends on it).</summary>
[GenerateSerializer, Immutable, Alias("lineage-graph")]
public sealed record LineageGraph(
    [property: Id(0)] string Root,
    [property: Id(1)] IReadOnlyList<LineageNode> Nodes,
    [property: Id(2)] IReadOnlyList<LineageEdge> Edges);
