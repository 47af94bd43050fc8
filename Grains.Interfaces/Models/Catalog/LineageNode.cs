namespace Datapunk.Grains;

/// <summary>
/// A node of a lineage graph: a source file (<c>file:42</c>), an import or connection (<c>import:…</c>),
/// a dataset (<c>dataset:…</c>), a record (<c>record:kind:identity</c>) or a model (<c>model:places:3</c>),
/// its type, a label and a few facts (path, format, rows, …).
/// </summary>
[GenerateSerializer, Immutable, Alias("lineage-node")]
public sealed record LineageNode(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Label,
    [property: Id(3)] IReadOnlyDictionary<string, string> Facts);
