namespace Datapunk.Cortex.Places;

/// <summary>The zone where the user was at <paramref name="At"/> (UTC), from a located fix or record.</summary>
public sealed record ZoneSample(DateTime At, string ZoneId);
