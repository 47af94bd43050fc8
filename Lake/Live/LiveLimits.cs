namespace Datapunk.Lake.Live;

/// <summary>
/// Bounds on one request to the live location endpoints (<c>Ingest</c> in configuration). Overland's
/// largest batch setting is 1,000 points of about 600 bytes each.
/// </summary>
public sealed class LiveLimits
{
    public const string Section = "Ingest";

    /// <summary>The largest body taken; a longer one is refused (413) before it is parsed.</summary>
    public int MaxBodyBytes { get; set; } = 2 << 20;

    /// <summary>The most fixes one request may carry.</summary>
    public int MaxFixes { get; set; } = 1_000;

    /// <summary>How far ahead of the server's clock a fix's time may be (a phone's clock is a little off, not a day).</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromDays(1);
}
