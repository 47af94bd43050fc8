using System.Text.Json;
using Npgsql;

namespace Datapunk.Users.Privacy;

/// <summary>
/// Writes a row of a query as one JSON object, each column under its name: the export's files are
/// the tables' columns as they are stored, so their meaning is the data model's
/// (docs/data-model.md). jsonb columns are written as the JSON they hold, not as a string.
/// </summary>
internal static class ExportedColumns
{
    public static void Write(NpgsqlDataReader row, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        for (var i = 0; i < row.FieldCount; i++)
        {
            var name = row.GetName(i);
            if (row.IsDBNull(i))
            {
                json.WriteNull(name);
                continue;
            }

            var value = row.GetValue(i);
            switch (value)
            {
                case string text when row.GetDataTypeName(i) is "jsonb" or "json":
                    json.WritePropertyName(name);
                    json.WriteRawValue(text);
                    break;
                case string text:
                    json.WriteString(name, text);
                    break;
                case DateTime time:
                    json.WriteString(name, DateTime.SpecifyKind(time, DateTimeKind.Utc));
                    break;
                case Guid id:
                    json.WriteString(name, id);
                    break;
                case short or int or long:
                    json.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case double number:
                    json.WriteNumber(name, number);
                    break;
                case string[] texts:
                    json.WriteStartArray(name);
                    foreach (var text in texts)
                    {
                        json.WriteStringValue(text);
                    }

                    json.WriteEndArray();
                    break;
                default:
                    throw new NotSupportedException(
                        $"The export cannot write column {name} ({row.GetDataTypeName(i)}, {value.GetType().Name}); select it as a type the export knows.");
            }
        }

        json.WriteEndObject();
    }
}
