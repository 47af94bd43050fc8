namespace Datapunk.Grains;

/// <summary>PostgreSQL's plan of a workbench query (<c>EXPLAIN (FORMAT JSON)</c>, not run), or why it could not be planned.</summary>
[GenerateSerializer, Immutable, Alias("workbench-plan")]
public sealed record WorkbenchPlan(
    [property: Id(0)] string? PlanJson,
    [property: Id(1)] WorkbenchError? Error);
