namespace Datapunk.Grains;

/// <summary>
/// One query of the SQL workbench (<c>POST /api/v1/sql</c>): a single SELECT (or WITH, VALUES, TABLE) over the
/// caller's own views; <see cref="Limit"/> rows at most (null: the default); text masked unless <see cref="Unmasked"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("workbench-query")]
public sealed record WorkbenchQuery(
    [property: Id(0)] string Sql,
    [property: Id(1)] int? Limit,
    [property: Id(2)] bool Unmasked);
