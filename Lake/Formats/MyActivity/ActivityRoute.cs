namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>Where an activity entry goes, and what the routing learnt on the way.</summary>
/// <param name="Kind">The record kind.</param>
/// <param name="VideoId">The YouTube video id, when the entry links to a video.</param>
/// <param name="CommunityPost">True for a viewed YouTube community post (kept as an activity event).</param>
public readonly record struct ActivityRoute(RecordKind Kind, string? VideoId = null, bool CommunityPost = false);
