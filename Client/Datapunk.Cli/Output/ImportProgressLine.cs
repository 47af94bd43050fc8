using System.Globalization;
using Datapunk.Grains;

namespace Datapunk.Cli.Output;

/// <summary>One line of progress for a running import: state, files, bytes, records, rate, ETA and the file being read.</summary>
public static class ImportProgressLine
{
    private const int MaxWidth = 160;

    public static string Format(ImportProgress progress)
    {
        var records = progress.Records.Values.Sum();
        var files = progress.Files.Total is { } total ? $"{progress.Files.Done:N0}/{total:N0} files" : $"{progress.Files.Done:N0} files";
        var bytes = progress.BytesTotal is { } bytesTotal ? $"{Bytes(progress.BytesDone)}/{Bytes(bytesTotal)}" : Bytes(progress.BytesDone);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{progress.Status,-9} {files}  {bytes}  {records:N0} records  {progress.RecordsPerSecond:N0}/s  ETA {DurationText.Format(progress.EtaSeconds)}");
        if (progress.CurrentFile is { } current)
        {
            line += "  " + current;
        }

        return line.Length > MaxWidth ? line[..(MaxWidth - 1)] + "…" : line;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
