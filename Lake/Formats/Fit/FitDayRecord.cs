using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Fit;

/// <summary>
/// One Fit day. The identity is the date alone, so the same day from the daily CSV, from a per-day
/// CSV and from a later export is one record (the importer keeps one of them; both carry the day's totals).
/// </summary>
internal static class FitDayRecord
{
    public static PersonalRecord Create(DateOnly date, JsonObject source) => new()
    {
        Kind = RecordKind.FitDay,
        Identity = RecordIdentity.Native("google.fit.day", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        OccurredAt = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        Source = source,
    };

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
