using Google.Protobuf.WellKnownTypes;

namespace Datapunk.Silo.Grpc;

/// <summary>Times on the wire as google.protobuf.Timestamp; an absent time stays absent.</summary>
internal static class GrpcTimes
{
    public static Timestamp ToTimestamp(this DateTimeOffset time) => Timestamp.FromDateTimeOffset(time);

    public static Timestamp? ToTimestamp(this DateTimeOffset? time) => time is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
