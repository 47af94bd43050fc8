using System.Text;
using System.Text.Json;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// What a user's SQL may read, written out for a language model that turns a question into SQL: each
/// view of the <c>workbench</c> schema with its columns and types (read from the catalog, so it is
/// always the migrations' truth), then the user's uploaded tables under their names. The raw views of
/// uploads are left out: the named ones are what a query should use.
/// </summary>
public sealed class WorkbenchSchema(NpgsqlDataSource dataSource)
{
    private const string Views = """
        SELECT c.relname, string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'workbench' AND c.relkind = 'v' AND c.relname NOT IN ('user_tables', 'user_table_rows')
        GROUP BY c.relname
        ORDER BY c.relname
        """;

    public async Task<string> DescribeAsync(string userId, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var views = new NpgsqlCommand(Views, connection))
        await using (var reader = await views.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                text.Append(reader.GetString(0)).Append('(').Append(reader.GetString(1)).AppendLine(")");
            }
        }

        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var uploads = new NpgsqlCommand("SELECT name, file_name, columns::text FROM user_data.user_tables WHERE user_id = $1 ORDER BY name", connection, transaction)
        {
            Parameters = { new() { Value = userId } },
        };
        await using var tables = await uploads.ExecuteReaderAsync(cancellationToken);
        while (await tables.ReadAsync(cancellationToken))
        {
            using var columns = JsonDocument.Parse(tables.GetString(2));
            var described = columns.RootElement.EnumerateArray().Select(column => $"{column.GetProperty("name").GetString()} {column.GetProperty("type").GetString()}");
            text.Append(tables.GetString(0)).Append('(').AppendJoin(", ", described).Append(")  -- uploaded table, from ").AppendLine(tables.GetString(1));
        }

        return text.ToString();
    }
}
