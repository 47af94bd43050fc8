using System.Globalization;
using System.Text.Json;

namespace Datapunk.Lake.Tables;

/// <summary>
/// A cell as a value of its column's type, written into the row's JSON as <c>user_data.user_table_rows</c>
/// stores it (migration 0041): numbers as JSON numbers, booleans, dates <c>yyyy-MM-dd</c>, timestamps ISO 8601
/// with their offset, floating-point NaN and infinities as the strings PostgreSQL casts. Every value written
/// casts with <c>(row_values-&gt;&gt;'column')::type</c>. Inference asks the same question without a writer, so a
/// type is inferred exactly when every sampled value would store.
/// </summary>
public static class ColumnValues
{
    /// <summary>Writes <paramref name="cell"/> (not null) as <paramref name="type"/> when <paramref name="json"/> is given; returns what is wrong with it, or null.</summary>
    public static string? Write(Utf8JsonWriter? json, string name, object cell, string type, ColumnFormat format) => type switch
    {
        // Blanks in a typed column are empty cells, as a spreadsheet shows them.
        not ColumnTypes.Text when cell is string text && string.IsNullOrWhiteSpace(text) => WriteNull(json, name),
        ColumnTypes.Text => WriteText(json, name, cell),
        ColumnTypes.BigInt => WriteBigInt(json, name, cell, format),
        ColumnTypes.Numeric => WriteNumeric(json, name, cell, format),
        ColumnTypes.Double => WriteDouble(json, name, cell, format),
        ColumnTypes.Boolean => WriteBoolean(json, name, cell),
        ColumnTypes.Date => WriteDate(json, name, cell, format),
        ColumnTypes.Timestamp => WriteTimestamp(json, name, cell, format),
        _ => $"has the unknown type {type}",
    };

    /// <summary>A cell as the text a preview shows and a text column stores.</summary>
    public static string AsText(object cell) => cell switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTime time => time.TimeOfDay == TimeSpan.Zero && time.Kind != DateTimeKind.Utc
            ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.ToString(time.Kind == DateTimeKind.Utc ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string? WriteNull(Utf8JsonWriter? json, string name)
    {
        json?.WriteNull(name);
        return null;
    }

    private static string? WriteText(Utf8JsonWriter? json, string name, object cell)
    {
        // jsonb cannot hold U+0000.
        json?.WriteString(name, AsText(cell).Replace("\0", "", StringComparison.Ordinal));
        return null;
    }

    private static string? WriteBigInt(Utf8JsonWriter? json, string name, object cell, ColumnFormat format)
    {
        long? value = cell switch
        {
            long whole => whole,
            decimal exact when exact == decimal.Truncate(exact) && exact is >= long.MinValue and <= long.MaxValue => (long)exact,
            double number when double.IsInteger(number) && Math.Abs(number) < 9.2e18 => (long)number,
            string text when NumberText.TryParse(text, format.DecimalComma, out var exact, out _)
                && exact is { } d && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
            _ => null,
        };
        if (value is null)
        {
            return cell is string or long or decimal or double ? "is not a whole number (bigint)" : $"is a {Kind(cell)}, not a whole number";
        }

        json?.WriteNumber(name, value.Value);
        return null;
    }

    private static string? WriteNumeric(Utf8JsonWriter? json, string name, object cell, ColumnFormat format)
    {
        decimal? value = cell switch
        {
            long whole => whole,
            decimal exact => exact,
            double number when double.IsFinite(number) && Math.Abs(number) < 7.9e28 => (decimal)number,
            string text when NumberText.TryParse(text, format.DecimalComma, out var exact, out _) => exact,
            _ => null,
        };
        if (value is null)
        {
            return cell is string or double ? "is not a number (numeric)" : $"is a {Kind(cell)}, not a number";
        }

        json?.WriteNumber(name, value.Value);
        return null;
    }

    private static string? WriteDouble(Utf8JsonWriter? json, string name, object cell, ColumnFormat format)
    {
        double? value = cell switch
        {
            long whole => whole,
            decimal exact => (double)exact,
            double number => number,
            string text when NumberText.TryParse(text, format.DecimalComma, out _, out var approximate) => approximate,
            _ => null,
        };
        if (value is not { } result)
        {
            return cell is string ? "is not a number" : $"is a {Kind(cell)}, not a number";
        }

        if (json is not null)
        {
            if (double.IsFinite(result))
            {
                json.WriteNumber(name, result);
            }
            else
            {
                json.WriteString(name, double.IsNaN(result) ? "NaN" : result > 0 ? "Infinity" : "-Infinity");
            }
        }

        return null;
    }

    private static string? WriteBoolean(Utf8JsonWriter? json, string name, object cell)
    {
        bool? value = cell switch
        {
            bool flag => flag,
            string text => text.Trim().ToLowerInvariant() switch
            {
                "true" or "t" or "yes" or "y" => true,
                "false" or "f" or "no" or "n" => false,
                _ => null,
            },
            _ => null,
        };
        if (value is null)
        {
            return "is not true or false (true/false, yes/no, t/f, y/n)";
        }

        json?.WriteBoolean(name, value.Value);
        return null;
    }

    private static string? WriteDate(Utf8JsonWriter? json, string name, object cell, ColumnFormat format)
    {
        DateOnly? value = cell switch
        {
            DateOnly date => date,
            DateTime time when time.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(time),
            string text when DateText.TryParseDate(text, format.MonthFirst, out var date) => date,
            _ => null,
        };
        if (value is null)
        {
            return cell is DateTime ? "has a time of day, so it is a timestamp, not a date"
                : $"is not a date (yyyy-MM-dd, {(format.MonthFirst ? "MM/dd/yyyy" : "dd.MM.yyyy, dd/MM/yyyy")})";
        }

        json?.WriteString(name, value.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return null;
    }

    private static string? WriteTimestamp(Utf8JsonWriter? json, string name, object cell, ColumnFormat format)
    {
        DateTimeOffset? value = cell switch
        {
            DateTimeOffset time => time,
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc)),
            DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            string text when DateText.TryParseTimestamp(text, format.MonthFirst, out var time) => time,
            _ => null,
        };
        if (value is null)
        {
            return "is not a timestamp (ISO 8601 such as 2024-03-05T14:30:00+01:00, or a date with a time)";
        }

        json?.WriteString(name, value.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture));
        return null;
    }

    private static string Kind(object cell) => cell switch
    {
        bool => "boolean",
        DateTime or DateTimeOffset => "timestamp",
        DateOnly => "date",
        _ => cell.GetType().Name.ToLowerInvariant(),
    };
}
