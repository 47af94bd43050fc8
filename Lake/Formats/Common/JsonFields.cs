using System.Globalization;
using System.Text.Json;

namespace Datapunk.Lake.Formats.Common;

/// <summary>Small readers for JSON values whose type varies between export generations (numbers as strings, …).</summary>
public static class JsonFields
{
    /// <summary>Reads a number or a numeric string as a long; false for anything else.</summary>
    public static bool TryGetInt64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value) || TryRound(reader.GetDouble(), out value),
            JsonTokenType.String => long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value)
                || (double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && TryRound(d, out value)),
            _ => false,
        };
    }

    /// <summary>Reads a number or a numeric string as a double.</summary>
    public static bool TryGetDouble(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetDouble(out value),
            JsonTokenType.String => double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>An E7 coordinate, corrected for the 32-bit overflow seen in old exports (values above 1.8e9).</summary>
    public static int CorrectE7(long e7) => e7 > 1_800_000_000 ? (int)(e7 - 4_294_967_296L) : (int)e7;

    /// <summary>A short printable example of the current value, for schema-drift reports.</summary>
    public static string Example(ref Utf8JsonReader reader)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString() ?? "",
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null =>
                System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.StartObject => "{…}",
            JsonTokenType.StartArray => "[…]",
            _ => reader.TokenType.ToString(),
        };
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    private static bool TryRound(double d, out long value)
    {
        value = (long)Math.Round(d);
        return !double.IsNaN(d) && Math.Abs(d) < 9e18;
    }
}
