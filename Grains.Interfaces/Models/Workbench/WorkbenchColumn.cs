namespace Datapunk.Grains;

/// <summary>A column of a workbench result: its name and PostgreSQL's name of its type (<c>text</c>, <c>int8</c>, <c>timestamptz</c>, …).</summary>
[GenerateSerializer, Immutable, Alias("workbench-column")]
public sealed record WorkbenchColumn(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type);
