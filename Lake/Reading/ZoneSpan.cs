namespace Datapunk.Lake.Reading;

/// <summary>A time during which the user's clock was that of <paramref name="ZoneId"/> (an IANA id): where they were.</summary>
public sealed record ZoneSpan(DateTime Start, DateTime End, string ZoneId);
