using Datapunk.Lake.Model;

namespace Datapunk.Grains;

/// <summary>Builds the <see cref="ImportProgress"/> a job reports from its state and its stored figures.</summary>
internal static class ImportReports
{
    public static ImportProgress Initial(Guid importId, ImportJobState job) => new()
    {
        ImportId = importId,
        UserId = job.UserId!,
        Status = job.Status,
        Paths = job.Paths,
        CreatedAt = job.CreatedAt!.Value,
        StartedAt = job.StartedAt,
        FinishedAt = job.FinishedAt,
        Records = new KindCounts().ToDictionary(),
        Matched = new MatchCounts().ToDictionary(),
        Seconds = Seconds(job),
        Message = job.Message,
    };

    /// <summary>The final report: every figure read back from the import's stored rows.</summary>
    public static ImportProgress Final(Guid importId, ImportJobState job, ImportTotals? totals, long peakMemoryBytes)
    {
        var progress = Initial(importId, job) with { PeakMemoryBytes = peakMemoryBytes };
        return totals is null
            ? progress
            : progress with
            {
                Files = totals.Files,
                BytesDone = totals.Bytes,
                BytesTotal = job.Progress?.BytesTotal,
                Records = totals.Inserted.ToDictionary(),
                Duplicates = totals.Duplicates,
                Matched = totals.Matched.ToDictionary(),
                RejectedRecords = totals.Rejected.ToDictionary(),
                UnknownFields = totals.UnknownFields,
                Errors = totals.Errors,
            };
    }

    /// <summary>From the first run's start to the end (or to now while it runs).</summary>
    public static double Seconds(ImportJobState job) =>
        job.StartedAt is { } started ? Math.Round(((job.FinishedAt ?? DateTimeOffset.UtcNow) - started).TotalSeconds, 3) : 0;
}
