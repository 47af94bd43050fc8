using Datapunk.Lake.Storage;

namespace Datapunk.Users.Tests.Infrastructure;

/// <summary>
/// Looks for a user everywhere in the database: every column of every table in every schema that
/// can hold text (text, varchar, json, jsonb, arrays of them, cast to text) or bytes (bytea, such as
/// grain state payloads), and the names of tables (a location partition is named after a hash of the user id).
/// </summary>
internal static class UserTraces
{
    private const string Columns = """
        SELECT format('%I.%I', n.nspname, c.relname), a.attname, t.typname
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
          AND t.typname IN ('text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', '_varchar', 'bytea', 'name')
        ORDER BY 1, 2
        """;

    /// <summary>Every table column (<c>schema.table.column</c>) and table name that holds <paramref name="userId"/>.</summary>
    public static async Task<List<string>> FindAsync(string userId)
    {
        var found = new List<string>();
        foreach (var column in await PrivacyDatabase.RowsAsync(Columns))
        {
            var (table, name, type) = (column.Split(" | ")[0], column.Split(" | ")[1], column.Split(" | ")[2]);
            var match = type == "bytea" ? $"position(convert_to($1, 'UTF8') in \"{name}\") > 0" : $"strpos(\"{name}\"::text, $1) > 0";
            var hits = await PrivacyDatabase.RowsAsync($"SELECT count(*) FROM {table} WHERE {match}", userId);
            if (hits[0] != "0")
            {
                found.Add($"{table}.{name} ({hits[0]} rows)");
            }
        }

        var leafSuffix = LocationPartitions.LeafName(0, userId)[LocationPartitions.PartitionName(0).Length..];
        found.AddRange(await PrivacyDatabase.RowsAsync("SELECT 'table ' || relname FROM pg_class WHERE relname LIKE '%' || $1 OR strpos(relname, $2) > 0", leafSuffix, userId));
        return found;
    }

    /// <summary>A user's rows in every table with a user_id column.</summary>
    public static async Task<Dictionary<string, string>> RowCountsAsync(string userId)
    {
        var counts = new Dictionary<string, string>();
        var tables = await PrivacyDatabase.RowsAsync("""
            SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attname = 'user_id' AND NOT a.attisdropped
            ORDER BY 1
            """);
        foreach (var table in tables)
        {
            counts[table] = (await PrivacyDatabase.RowsAsync($"SELECT count(*) FROM {table} WHERE user_id = $1", userId))[0];
        }

        return counts;
    }
}
