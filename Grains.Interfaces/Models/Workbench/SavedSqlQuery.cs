namespace Datapunk.Grains;

/// <summary>A query the user saved under a name (<c>GET/POST/DELETE /api/v1/sql/saved</c>).</summary>
[GenerateSerializer, Immutable, Alias("saved-sql-query")]
public sealed record SavedSqlQuery(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Sql,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt);
