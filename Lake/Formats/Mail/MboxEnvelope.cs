using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// The mbox envelope line that starts every message: <c>From 1234567890123456789@xxx Mon Jan 01
/// 00:00:00 +0000 2024</c> (Gmail) or the classic asctime form without a zone. Only a line with the
/// whole date shape counts, so a body line that happens to start with "From " and escaped quoting
/// does not split a message.
/// </summary>
public static partial class MboxEnvelope
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static bool IsEnvelope(ReadOnlySpan<byte> line) =>
        line.StartsWith("From "u8) && line.Length < 1024 && Envelope().IsMatch(Encoding.Latin1.GetString(line));

    /// <summary>The envelope's date in UTC, or null when the line is not an envelope.</summary>
    public static DateTime? Date(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("From "u8) || line.Length >= 1024)
        {
            return null;
        }

        var match = Envelope().Match(Encoding.Latin1.GetString(line));
        if (!match.Success)
        {
            return null;
        }

        var month = Array.IndexOf(Months, match.Groups["month"].Value.ToLowerInvariant()) + 1;
        var format = match.Groups["time"].Value.Length > 5 ? "H:mm:ss" : "H:mm";
        if (month == 0 || !DateTime.TryParseExact(match.Groups["time"].Value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (year is < 1970 or > 2200 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var zone = match.Groups["zone"].Success ? match.Groups["zone"].Value : match.Groups["zone2"].Value;
        var local = new DateTime(year, month, day, time.Hour, time.Minute, time.Second, DateTimeKind.Unspecified);
        return DateTime.SpecifyKind(local - MailDate.ZoneOffset(zone), DateTimeKind.Utc);
    }

    [GeneratedRegex(@"^From \S+ +[A-Za-z]{3} +(?<month>[A-Za-z]{3}) +(?<day>\d{1,2}) +(?<time>\d{1,2}:\d{2}(?::\d{2})?)(?: +(?<zone>[+-]\d{4}|[A-Za-z]{1,5}))? +(?<year>\d{4})(?: +(?<zone2>[+-]\d{4}))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Envelope();
}
