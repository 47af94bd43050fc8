using System.CommandLine;
using System.Globalization;
using Datapunk.Cli.Output;
using Datapunk.Client;
using Datapunk.Grains;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk tables upload FILE --user NAME [--name N] [--type col=type]... [--rename col=new]... [--skip col]...
/// [--sheet S] [--replace] [--preview] [--json]</c>, and <c>tables list|show NAME|delete NAME --user NAME [--json]</c>:
/// a user's own tables (docs/catalog.md, "Uploaded tables"). With <c>--json</c> each prints the API's JSON.
/// </summary>
public static class TablesCommand
{
    /// <summary>An upload streams the whole file and stores it in one transaction: minutes for a large one.</summary>
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromMinutes(30);

    public static Command Create() => new("tables", "Upload your own tables (CSV, JSON, JSON Lines, Parquet, Excel) and list, show or delete them.")
    {
        Upload(), List(), Show(), Delete(),
    };

    private static Command Upload()
    {
        var (gateway, user, json) = (GatewayOption.Create(), UserOption.Create(), Json());
        var file = new Argument<string>("file") { Description = "The file: .csv, .tsv, .json, .jsonl, .parquet, .xlsx or .xls." };
        var name = new Option<string?>("--name") { Description = "The table's name (a lower-case SQL identifier); by default the file's name as one." };
        var types = new Option<string[]>("--type") { Description = "Set a column's type: column=type (text, bigint, numeric, double precision, boolean, date, timestamptz); repeatable." };
        var renames = new Option<string[]>("--rename") { Description = "Rename a column: column=new_name; repeatable." };
        var skips = new Option<string[]>("--skip") { Description = "Leave a column out; repeatable." };
        var sheet = new Option<string?>("--sheet") { Description = "The workbook sheet, by name or 1-based position (the first by default)." };
        var format = new Option<string?>("--format") { Description = "The format when the extension does not say it: csv, json, jsonl, parquet, xlsx, xls." };
        var replace = new Option<bool>("--replace") { Description = "Overwrite a table of the same name." };
        var preview = new Option<bool>("--preview") { Description = "Only show the inferred columns and the first rows; store nothing." };
        var command = new Command("upload", "Store a file as one of the user's tables, its column types inferred (or previewed with --preview).")
        {
            file, user, name, types, renames, skips, sheet, format, replace, preview, json, gateway,
        };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var path = Path.GetFullPath(parseResult.GetRequiredValue(file));
                if (!File.Exists(path))
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync($"datapunk: no file {path}");
                    return ExitCodes.ApiError;
                }

                var options = new TableUploadOptions(parseResult.GetValue(format), parseResult.GetValue(sheet),
                    Pairs(parseResult.GetValue(types)), Pairs(parseResult.GetValue(renames)), parseResult.GetValue(skips));
                if (parseResult.GetValue(preview))
                {
                    var shown = await client.PreviewTableAsync(path, options, token);
                    await (parseResult.GetValue(json) ? CliJson.WriteAsync(output, shown) : PrintPreviewAsync(shown, output));
                    return ExitCodes.Success;
                }

                var tableName = parseResult.GetValue(name) ?? TableName(path);
                var stored = await client.UploadTableAsync(path, tableName, options, parseResult.GetValue(replace), token);
                await (parseResult.GetValue(json) ? CliJson.WriteAsync(output, stored)
                    : output.WriteLineAsync($"Stored table {stored.Name}: {stored.RowCount:N0} rows, {stored.Columns.Count} columns ({Columns(stored.Columns)})."));
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user),
            timeout: UploadTimeout));
        return command;
    }

    private static Command List()
    {
        var (gateway, user, json) = (GatewayOption.Create(), UserOption.Create(), Json());
        var command = new Command("list", "List the user's tables.") { user, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var tables = await client.ListTablesAsync(token);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, tables);
                    return ExitCodes.Success;
                }

                var table = new TextTable("NAME", "ROWS", "COLUMNS", "FORMAT", "FILE", "UPDATED").AlignRight(1, 2);
                foreach (var t in tables)
                {
                    table.Add(t.Name, t.RowCount.ToString("N0", CultureInfo.InvariantCulture), t.Columns.Count.ToString(CultureInfo.InvariantCulture),
                        t.Format, t.FileName, t.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                }

                table.WriteTo(output);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }

    private static Command Show()
    {
        var (gateway, user, json) = (GatewayOption.Create(), UserOption.Create(), Json());
        var name = new Argument<string>("name") { Description = "The table's name." };
        var offset = new Option<long>("--offset") { Description = "Skip this many rows first.", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "Rows to show (1-1000).", DefaultValueFactory = _ => 20 };
        var command = new Command("show", "Show a table's columns and rows.") { name, user, offset, limit, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var page = await client.GetTableAsync(parseResult.GetRequiredValue(name), parseResult.GetValue(offset), parseResult.GetValue(limit), token);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, page);
                    return ExitCodes.Success;
                }

                await output.WriteLineAsync($"{page.Table.Name} ({page.Table.FileName}, {page.Table.RowCount:N0} rows): {Columns(page.Table.Columns)}");
                var table = new TextTable([.. page.Table.Columns.Select(c => c.Name)]);
                foreach (var row in page.Rows)
                {
                    table.Add([.. page.Table.Columns.Select(c => row.TryGetProperty(c.Name, out var value) && value.ValueKind != System.Text.Json.JsonValueKind.Null
                        ? value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText() : "")]);
                }

                table.WriteTo(output);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }

    private static Command Delete()
    {
        var (gateway, user, json) = (GatewayOption.Create(), UserOption.Create(), Json());
        var name = new Argument<string>("name") { Description = "The table's name." };
        var command = new Command("delete", "Delete a table and its rows.") { name, user, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var tableName = parseResult.GetRequiredValue(name);
                await client.DeleteTableAsync(tableName, token);
                await (parseResult.GetValue(json) ? CliJson.WriteAsync(output, new { deleted = tableName }) : output.WriteLineAsync($"Deleted table {tableName}."));
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }

    private static Option<bool> Json() => new("--json") { Description = "Print the API's JSON instead of text." };

    private static async Task PrintPreviewAsync(TablePreview preview, TextWriter output)
    {
        var detected = string.Join(", ", new[] { preview.Delimiter is { } d ? $"delimiter {d}" : null, preview.Encoding is { } e ? $"encoding {e}" : null,
            preview.Sheet is { } s ? $"sheet {s}" : null }.OfType<string>());
        await output.WriteLineAsync($"{preview.Format}{(detected.Length > 0 ? $" ({detected})" : "")}, types inferred from {preview.SampledRows:N0} rows: {Columns(preview.Columns)}");
        var table = new TextTable([.. preview.Columns.Select(c => c.Name)]);
        foreach (var row in preview.Rows)
        {
            table.Add([.. row.Select(cell => cell ?? "")]);
        }

        table.WriteTo(output);
    }

    private static string Columns(IReadOnlyList<TableColumn> columns) => string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));

    /// <summary>The file's name as a table name: <c>Bank Export 2024.csv</c> -> <c>bank_export_2024</c>.</summary>
    private static string TableName(string path)
    {
        var name = new string([.. Path.GetFileNameWithoutExtension(path).ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '_')]).Trim('_');
        name = string.Join('_', name.Split('_', StringSplitOptions.RemoveEmptyEntries));
        return name.Length == 0 ? "table" : char.IsAsciiDigit(name[0]) ? "_" + name : name[..Math.Min(name.Length, 63)];
    }

    private static Dictionary<string, string> Pairs(string[]? values) =>
        (values ?? []).Select(v => v.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : "");
}
