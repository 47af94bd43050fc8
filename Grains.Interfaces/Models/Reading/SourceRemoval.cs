namespace Datapunk.Grains;

/// <summary>
/// A record whose item the live source no longer has: the archive keeps it, and says so.
/// </summary>
/// <param name="At">When Datapunk first saw the removal (not when it happened at the provider, which providers do not say).</param>
/// <param name="Reason"><c>cancelled</c> (a calendar event that did not take place), <c>deleted</c>, <c>trash</c> or <c>spam</c> (Gmail's).</param>
[GenerateSerializer, Immutable, Alias("source-removal")]
public sealed record SourceRemoval(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Reason);
