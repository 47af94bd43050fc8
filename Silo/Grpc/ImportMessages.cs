
namespace Datapunk.Silo.Grpc;

/// <summary>Imports as the gRPC Imports service sends them (imports.proto).</summary>
internal static class ImportMessages
{
    public static V1.ImportProgress ToMessage(this ImportProgress progress)
    {
        var message = new V1.ImportProgress
        {
            ImportId = progress.ImportId.ToString(),
            Status = ToMessage(progress.Status),
            CreatedAt = progress.CreatedAt.ToTimestamp(),
            StartedAt = progress.StartedAt.ToTimestamp(),
            FinishedAt = progress.FinishedAt.ToTimestamp(),
            Files = new V1.ImportFileCounts
            {
                Imported = progress.Files.Imported,
                Skipped = progress.Files.Skipped,
                Failed = progress.Files.Failed,
                Unchanged = progress.Files.Unchanged,
                Rejected = progress.Files.Rejected,
            },
            BytesDone = progress.BytesDone,
            Duplicates = progress.Duplicates,
            UnknownFields = progress.UnknownFields,
            RecordsPerSecond = progress.RecordsPerSecond,
            Seconds = progress.Seconds,
            PeakMemoryBytes = progress.PeakMemoryBytes,
            Records = { progress.Records.ToDictionary() },
            Matched = { progress.Matched.ToDictionary() },
            RejectedRecords = { progress.RejectedRecords.ToDictionary() },
            Paths = { progress.Paths },
            Errors = { progress.Errors.Select(error => new V1.ImportFileError { File = error.File, Message = error.Message }) },
        };
        if (progress.Files.Total is { } total)
        {
            message.Files.Total = total;
        }

        if (progress.BytesTotal is { } bytesTotal)
        {
            message.BytesTotal = bytesTotal;
        }

        if (progress.EtaSeconds is { } eta)
        {
            message.EtaSeconds = eta;
        }

        if (progress.CurrentFile is { } currentFile)
        {
            message.CurrentFile = currentFile;
        }

        if (progress.Message is { } text)
        {
            message.Message = text;
        }

        return message;
    }

    public static V1.ImportFileReport ToMessage(this ImportFileReport report)
    {
        var message = new V1.ImportFileReport
        {
            File = report.File,
            Status = report.Status,
            RecordsStored = report.RecordsStored,
            Duplicates = report.Duplicates,
            RecordsRead = report.RecordsRead,
            Matched = { report.Matched.ToDictionary() },
            RejectedRecords = { report.RejectedRecords.ToDictionary() },
            RejectedExamples = { report.RejectedExamples },
        };
        if (report.FormatId is { } formatId)
        {
            message.FormatId = formatId;
        }

        if (report.Variant is { } variant)
        {
            message.Variant = variant;
        }

        if (report.Bytes is { } bytes)
        {
            message.Bytes = bytes;
        }

        if (report.Message is { } text)
        {
            message.Message = text;
        }

        return message;
    }

    /// <summary>The progress without the figures that move on every poll (elapsed time, rate, ETA, memory): what a watcher is told about.</summary>
    public static V1.ImportProgress WithoutClockFigures(this V1.ImportProgress progress)
    {
        var steady = progress.Clone();
        steady.Seconds = 0;
        steady.RecordsPerSecond = 0;
        steady.ClearEtaSeconds();
        steady.PeakMemoryBytes = 0;
        return steady;
    }

    private static V1.ImportState ToMessage(ImportState state) => state switch
    {
        ImportState.Created => V1.ImportState.Created,
        ImportState.Receiving => V1.ImportState.Receiving,
        ImportState.Scanning => V1.ImportState.Scanning,
        ImportState.Parsing => V1.ImportState.Parsing,
        ImportState.Indexing => V1.ImportState.Indexing,
        ImportState.Completed => V1.ImportState.Completed,
        ImportState.Failed => V1.ImportState.Failed,
        ImportState.Cancelled => V1.ImportState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "An import state the gRPC contract does not name."),
    };
}
