using Datapunk.Actors.Telemetry;

namespace Datapunk.Silo.Telemetry;

/// <summary>The actor runtime's instrument names and tags that the dashboard statistics read.</summary>
public static class ActorInstrumentNames
{
    public const string Calls = ActorTelemetry.CallsInstrument;
    public const string CallFailures = ActorTelemetry.CallFailuresInstrument;
    public const string CallDuration = ActorTelemetry.CallDurationInstrument;
    public const string GrainTypeTag = ActorTelemetry.GrainTypeTag;
}
