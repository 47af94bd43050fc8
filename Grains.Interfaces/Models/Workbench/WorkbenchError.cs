namespace Datapunk.Grains;

/// <summary>
/// Why a workbench query failed: PostgreSQL's message and SQLSTATE, and where in the user's SQL it points
/// (<see cref="Position"/>, 1-based characters, when PostgreSQL gave one), or the workbench's own refusal.
/// </summary>
[GenerateSerializer, Immutable, Alias("workbench-error")]
public sealed record WorkbenchError(
    [property: Id(0)] string Message,
    [property: Id(1)] string? SqlState,
    [property: Id(2)] int? Position,
    [property: Id(3)] string? Hint);
