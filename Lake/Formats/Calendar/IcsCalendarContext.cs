namespace Datapunk.Lake.Formats.Calendar;

/// <summary>The VCALENDAR-level properties that events need: its name and default zone for floating times.</summary>
public sealed class IcsCalendarContext
{
    public string? Name { get; set; }

    public string? TimeZoneId { get; set; }

    public TimeZoneInfo? TimeZone { get; set; }

    public string? ProductId { get; set; }
}
