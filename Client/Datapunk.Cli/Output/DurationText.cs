namespace Datapunk.Cli.Output;

/// <summary>Short, human uptimes: "42s", "5m 03s", "2h 07m", "3d 4h".</summary>
public static class DurationText
{
    public static string Format(double? seconds)
    {
        if (seconds is not { } value)
        {
            return "-";
        }

        var time = TimeSpan.FromSeconds(Math.Max(0, value));
        return time switch
        {
            { TotalDays: >= 1 } => $"{(int)time.TotalDays}d {time.Hours}h",
            { TotalHours: >= 1 } => $"{time.Hours}h {time.Minutes:00}m",
            { TotalMinutes: >= 1 } => $"{time.Minutes}m {time.Seconds:00}s",
            _ => $"{time.Seconds}s",
        };
    }
}
