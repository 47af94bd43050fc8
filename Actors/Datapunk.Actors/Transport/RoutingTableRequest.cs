namespace Datapunk.Actors.Transport;

/// <summary>
/// Asks a silo for its view of partition owners. Cluster clients send it to a gateway every second
/// so they stop routing to a silo that lost its partitions (paused, partitioned or dead) within a
/// round or two, instead of only learning it from failed calls.
/// </summary>
internal sealed class RoutingTableRequest : GrainRequest<string?[]>
{
    /// <summary>The pseudo grain type that marks this request for the silo itself rather than a grain.</summary>
    public const string TargetType = "$routing";

    public static readonly GrainId Target = new(TargetType, "owners");

    private static readonly GrainMethod MethodInfo = new(typeof(RoutingTableRequest), "GetOwners", 0x5EE1_0002u, AlwaysInterleave: true);

    public override GrainMethod Method => MethodInfo;

    public override ValueTask<string?[]> InvokeAsync(object grain) =>
        throw new NotSupportedException("The routing table is answered by the silo, not by a grain.");

    public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
    }

    public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
    }
}
