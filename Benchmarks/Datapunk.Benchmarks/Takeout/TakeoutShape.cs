namespace Datapunk.Benchmarks.Takeout;

/// <summary>
/// How big a synthetic Takeout is. The full size is 10 million location fixes (70 % in
/// Records.json, 30 % as Semantic Location History raw-path points), 1 million My Activity events
/// and 100,000 e-mails; smaller runs keep those proportions.
/// </summary>
internal sealed record TakeoutShape(long Fixes)
{
    public const long FullSize = 10_000_000;

    /// <summary>When Records.json's fixes start (Semantic Location History follows ten years later).</summary>
    public int FirstYear { get; init; } = 2012;

    public long RecordsJsonFixes => Fixes * 7 / 10;

    /// <summary>Fixes in Semantic Location History: raw-path points of activity segments.</summary>
    public long SemanticFixes => Fixes - RecordsJsonFixes;

    public int PointsPerSegment => 60;

    public long Segments => SemanticFixes / PointsPerSegment;

    public long ActivityEvents => Fixes / 10;

    public long Emails => Fixes / 100;

    /// <summary>The folder name of a generated Takeout of this shape (generation is deterministic, so it is reused).</summary>
    public string Name => $"takeout-{Fixes}-{FirstYear}";
}
