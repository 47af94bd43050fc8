using System.Globalization;
using System.Text.Json;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// One value of a result, received as PostgreSQL's text (the session writes times in UTC and ISO style), written
/// as JSON: booleans and numbers as such (NaN and infinities as strings), times in ISO 8601, everything else as a
/// string, masked unless the owner unmasked it when it is text that may hold personal identifiers.
/// </summary>
internal static class WorkbenchCells
{
    private static readonly HashSet<string> Integers = new(StringComparer.Ordinal) { "int2", "int4", "int8", "oid" };
    private static readonly HashSet<string> Decimals = new(StringComparer.Ordinal) { "float4", "float8", "numeric" };

    // Values of these types cannot hold an identifier; every other string (text, json, arrays, rows, …) is masked.
    private static readonly HashSet<string> Unmaskable = new(StringComparer.Ordinal)
    {
        "bool", "int2", "int4", "int8", "oid", "float4", "float8", "numeric", "date", "time", "timetz", "timestamp", "timestamptz", "interval", "uuid",
    };

    public static void Write(Utf8JsonWriter json, string type, string value, bool mask)
    {
        if (type == "bool")
        {
            json.WriteBooleanValue(value == "t");
        }
        else if (Integers.Contains(type) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            json.WriteNumberValue(integer);
        }
        else if (Decimals.Contains(type) && IsJsonNumber(value))
        {
            json.WriteRawValue(value, skipInputValidation: false);
        }
        else if (type == "timestamptz"
                 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            json.WriteStringValue(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture));
        }
        else if (type == "timestamp" && value.Length > 10 && value[10] == ' ')
        {
            json.WriteStringValue(string.Concat(value.AsSpan(0, 10), "T", value.AsSpan(11)));
        }
        else
        {
            json.WriteStringValue(mask && !Unmaskable.Contains(type) ? WorkbenchMasking.Mask(value) : value);
        }
    }

    // PostgreSQL's text of a float or numeric is a JSON number unless it is NaN or an infinity.
    private static bool IsJsonNumber(string value) =>
        value.Length > 0 && (char.IsAsciiDigit(value[0]) || (value[0] == '-' && value.Length > 1 && char.IsAsciiDigit(value[1])));
}
