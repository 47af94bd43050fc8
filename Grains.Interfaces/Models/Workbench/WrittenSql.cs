namespace Datapunk.Grains;

/// <summary>
/// A query the configured language model wrote for a question (<c>POST /api/v1/sql/from-question</c>), to show
/// the user before it runs; or, with <see cref="Sql"/> null, why there is none (<see cref="Refusal"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("written-sql")]
public sealed record WrittenSql(
    [property: Id(0)] string? Sql,
    [property: Id(1)] string? Explanation,
    [property: Id(2)] string? Refusal);
