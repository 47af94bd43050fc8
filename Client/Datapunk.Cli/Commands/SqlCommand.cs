using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Datapunk.Cli.Output;
using Datapunk.Client;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk sql "SELECT …" --user NAME [--limit N] [--unmasked] [--json]</c>: one read-only query in the SQL workbench over
/// the user's own views. <c>--json</c> prints exactly one object, <c>{"columns": ["name", …], "rows": [[value, …], …]}</c>
/// (values as JSON: numbers, strings, booleans, null; times in ISO 8601), or <c>{"error": "…"}</c> with a non-zero exit;
/// otherwise an aligned table and a line saying how many rows came and whether the limit cut them.
/// </summary>
public static class SqlCommand
{
    private static readonly JsonSerializerOptions ErrorOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var sql = new Argument<string>("sql") { Description = "One query: SELECT, WITH, VALUES or TABLE, over records, fixes, places, files, imports, a view per kind and the uploaded tables." };
        var limit = new Option<int?>("--limit") { Description = "At most this many rows (1-10,000; default 1,000)." };
        var unmasked = new Option<bool>("--unmasked") { Description = "Show personal identifiers (e-mail addresses, phone numbers, …) unmasked; audited." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object {\"columns\": [...], \"rows\": [[...]]}, or {\"error\": \"...\"}, instead of a table." };
        var command = new Command("sql", "Run one read-only SQL query over a user's own data (the SQL workbench).") { sql, user, limit, unmasked, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var asJson = parseResult.GetValue(json);
                SqlResult result;
                try
                {
                    result = await client.RunSqlAsync(parseResult.GetRequiredValue(sql), parseResult.GetValue(limit), parseResult.GetValue(unmasked), token);
                }
                catch (DatapunkApiException exception) when (asJson)
                {
                    await output.WriteLineAsync(ErrorJson(exception.Problem));
                    return ExitCodes.ApiError;
                }
                catch (HttpRequestException exception) when (asJson)
                {
                    await output.WriteLineAsync(ErrorJson($"cannot reach the gateway at {client.Gateway}: {exception.Message}"));
                    return ExitCodes.GatewayUnreachable;
                }

                if (asJson)
                {
                    await output.WriteLineAsync(ResultJson(result));
                    return ExitCodes.Success;
                }

                WriteTable(result, output);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user),
            timeout: TimeSpan.FromSeconds(60)));
        return command;
    }

    /// <summary><c>{"columns": [names], "rows": [[values]]}</c>, the values exactly as the gateway sent them.</summary>
    internal static string ResultJson(SqlResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("columns");
            foreach (var column in result.Columns)
            {
                writer.WriteStringValue(column.Name);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("rows");
            result.Rows.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string ErrorJson(string message) => JsonSerializer.Serialize(new { error = message }, ErrorOptions);

    private static void WriteTable(SqlResult result, TextWriter output)
    {
        var table = new TextTable([.. result.Columns.Select(column => column.Name)]);
        var numeric = new List<int>();
        var rows = result.Rows.EnumerateArray().ToList();
        for (var i = 0; i < result.Columns.Count; i++)
        {
            if (rows.Count > 0 && rows.All(row => row[i].ValueKind is JsonValueKind.Number or JsonValueKind.Null))
            {
                numeric.Add(i);
            }
        }

        table.AlignRight([.. numeric]);
        foreach (var row in rows)
        {
            table.Add([.. row.EnumerateArray().Select(Cell)]);
        }

        table.WriteTo(output);
        var count = rows.Count == 1 ? "1 row" : $"{rows.Count.ToString("N0", CultureInfo.InvariantCulture)} rows";
        output.WriteLine(result.Truncated
            ? $"{count}, cut at the limit: the query has more (--limit raises it, up to 10,000)."
            : $"{count}.");
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "NULL",
        JsonValueKind.String => value.GetString()!.ReplaceLineEndings(" "),
        _ => value.GetRawText(),
    };
}
