namespace Datapunk.Lake.Live;

/// <summary>
/// One request's fixes, checked whole: every fix is on Earth and has a time, or there is no batch.
/// </summary>
/// <param name="Source">The protocol it came by.</param>
/// <param name="Fixes">The fixes in the order the body had them.</param>
/// <param name="Ignored">Messages acknowledged and not stored (OwnTracks' transitions, waypoints, …; Overland's events).</param>
/// <param name="Device">The device the body named, when it named one (the first, if it named several).</param>
/// <param name="Body">The body as received: its length and SHA-256 are the batch's provenance.</param>
public sealed record LiveFixBatch(LiveSource Source, IReadOnlyList<LocationFix> Fixes, int Ignored, string? Device, ReadOnlyMemory<byte> Body);
