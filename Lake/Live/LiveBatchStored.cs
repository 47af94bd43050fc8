namespace Datapunk.Lake.Live;

/// <summary>What storing one live batch did, once its transaction committed.</summary>
/// <param name="FileId">The batch's row in <c>imports.files</c> (the provenance of the fixes it stored); null when it held no fix.</param>
/// <param name="Received">Fixes the batch held.</param>
/// <param name="Stored">Fixes stored anew.</param>
/// <param name="Matched">Fixes that were the same as one stored before (or repeated within the batch), so nothing new.</param>
/// <param name="From">The earliest fix's time; null without fixes.</param>
/// <param name="Until">The latest fix's time.</param>
public sealed record LiveBatchStored(long? FileId, int Received, long Stored, long Matched, DateTime? From, DateTime? Until)
{
    public static LiveBatchStored Nothing { get; } = new(null, 0, 0, 0, null, null);
}
