using System.Text;
using System.Text.Json;
using Npgsql;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// The user's uploaded tables (<c>user_data.user_tables</c>, migration 0041) as temporary views of the
/// workbench's transaction, under their own names, typed as their columns say:
/// <c>CREATE TEMP VIEW "budget" AS SELECT (row_values->>'amount')::numeric AS "amount", … FROM
/// workbench.user_table_rows WHERE table_id = 7 ORDER BY row_number</c>. They read through the workbench's view
/// of the rows, which is filtered by the bound user, and vanish with the transaction's rollback.
/// </summary>
internal static class UserTableViews
{
    /// <summary>The column types an upload stores (migration 0041); any other is shown as text.</summary>
    private static readonly HashSet<string> ColumnTypes = new(StringComparer.Ordinal)
    {
        "text", "bigint", "double precision", "numeric", "boolean", "date", "timestamptz",
    };

    /// <summary>Creates a view per uploaded table of the bound user; the transaction must still be read-write.</summary>
    public static async Task CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var statements = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT table_id, name, columns::text FROM workbench.user_tables ORDER BY table_id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                statements.Add(ViewOf(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        if (statements.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The <c>CREATE TEMP VIEW</c> of one table; every name is quoted and every key a doubled-quote literal.</summary>
    internal static string ViewOf(long tableId, string name, string columnsJson)
    {
        var select = new StringBuilder();
        using var columns = JsonDocument.Parse(columnsJson);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns.RootElement.EnumerateArray())
        {
            var columnName = column.TryGetProperty("name", out var n) ? n.GetString() : null;
            if (string.IsNullOrEmpty(columnName) || !seen.Add(columnName))
            {
                continue;
            }

            var type = column.TryGetProperty("type", out var t) && t.GetString() is { } declared && ColumnTypes.Contains(declared) ? declared : "text";
            select.Append(select.Length == 0 ? "" : ", ")
                .Append("(row_values ->> ").Append(Literal(columnName)).Append(")::").Append(type)
                .Append(" AS ").Append(Identifier(columnName));
        }

        if (select.Length == 0)
        {
            select.Append("row_number");
        }

        return $"CREATE TEMP VIEW {Identifier(name)} AS SELECT {select} FROM workbench.user_table_rows WHERE table_id = {tableId} ORDER BY row_number";
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // standard_conforming_strings is on (PostgreSQL's default, and nothing before this changes it): a quote is
    // escaped by doubling it, a backslash is an ordinary character.
    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
