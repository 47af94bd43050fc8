namespace Datapunk.Grains;

/// <summary>
/// Records a live source just stored for the user, published as JSON on the user's Redis channel
/// <c>dp:u:{user}:records</c> (<c>{"source": "spotify", "connection": "spotify:alice", "newRecords": 3}</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("records-arrived")]
public sealed record RecordsArrived([property: Id(0)] string Source, [property: Id(1)] string Connection, [property: Id(2)] int NewRecords);
