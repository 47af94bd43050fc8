using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Datapunk.Users.Privacy;

/// <summary>
/// Writes a row of a query as one JSON object, each column under its name: the export's files are
/// the tables' columns as they are stored, so their meaning is the data model's
/// (docs/data-model.md). jsonb columns are written as the JSON they hold, not as a string. Masked, every
/// text value (and every string inside jsonb) has its personal identifiers masked (<see cref="ExportMasking"/>).
/// </summary>
internal static class ExportedColumns
{
    public static void Write(NpgsqlDataReader row, Utf8JsonWriter json, ExportMasking? masking = null)
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
                    if (masking is not null)
                    {
                        MaskStrings(JsonNode.Parse(text), masking)?.WriteTo(json);
                    }
                    else
                    {
                        json.WriteRawValue(text);
                    }

                    break;
                case string text when masking is not null:
                    json.WriteString(name, name == "identity" ? masking.Identity(text) : masking.Text(text));
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
                        json.WriteStringValue(masking?.Text(text) ?? text);
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

    /// <summary><paramref name="node"/> with every string value in it masked in place; property names are kept.</summary>
    private static JsonNode? MaskStrings(JsonNode? node, ExportMasking masking)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (Masked(value, masking) is { } text)
                    {
                        obj[key] = text;
                    }
                    else
                    {
                        MaskStrings(value, masking);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Masked(array[i], masking) is { } text)
                    {
                        array[i] = text;
                    }
                    else
                    {
                        MaskStrings(array[i], masking);
                    }
                }

                break;
            default:
                return Masked(node, masking) is { } masked ? JsonValue.Create(masked) : node;
        }

        return node;
    }

    private static string? Masked(JsonNode? node, ExportMasking masking) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? masking.Text(text) : null;
}
