using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Places;

/// <summary>A span as stored: its zone's time and how many hourly samples found the user in it (0: none, the span only fills a gap).</summary>
public sealed record StoredZoneSpan(ZoneSpan Span, int Samples);
