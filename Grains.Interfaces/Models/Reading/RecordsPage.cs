namespace Datapunk.Grains;

/// <summary>One page of records and the cursor of the next one (null on the last page).</summary>
[GenerateSerializer, Immutable, Alias("records-page")]
public sealed record RecordsPage([property: Id(0)] IReadOnlyList<StoredRecord> Records, [property: Id(1)] string? Next);
