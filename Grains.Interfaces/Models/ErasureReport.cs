namespace Datapunk.Grains;

/// <summary>What an erasure removed (docs/security.md, "Export and erasure").</summary>
/// <param name="Rows">Rows deleted, by table (<c>schema.table</c>).</param>
/// <param name="GrainStates">Orleans grain state rows deleted (the user's grains and its imports').</param>
/// <param name="Reminders">Orleans reminders deleted.</param>
/// <param name="CacheKeys">Redis keys deleted.</param>
/// <param name="SpoolFiles">Files deleted from the user's spool folder.</param>
/// <param name="LocationLeaves">The user's location partitions dropped.</param>
[GenerateSerializer, Immutable, Alias("erasure-report")]
public sealed record ErasureReport(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyDictionary<string, long> Rows,
    [property: Id(2)] long GrainStates,
    [property: Id(3)] long Reminders,
    [property: Id(4)] long CacheKeys,
    [property: Id(5)] long SpoolFiles,
    [property: Id(6)] int LocationLeaves,
    [property: Id(7)] DateTime ErasedAt);
