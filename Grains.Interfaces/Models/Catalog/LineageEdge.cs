namespace Datapunk.Grains;

/// <summary>An edge of a lineage graph, from what came first to what was made of it: contains, imported, stored, matched (the same records in another file), derived, trained.</summary>
[GenerateSerializer, Immutable, Alias("lineage-edge")]
public sealed record LineageEdge(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] string Relation,
    [property: Id(3)] long? Rows);
