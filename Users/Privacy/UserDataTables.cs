using Npgsql;

namespace Datapunk.Users.Privacy;

/// <summary>
/// The tables holding users' rows, found in the catalog so that a table added later is erased too:
/// every table (not partition) with a <c>user_id</c> column, in any schema. A table without one must
/// be known to hold nobody's data (<see cref="WithoutUserData"/>, or a comment saying
/// <c>datapunk:erasure=no-user-data</c>); any other fails erasure before it deletes anything. A
/// table whose rows an erasure must keep (the audit log's tombstones) says
/// <c>datapunk:erasure=keep</c> in its comment.
/// </summary>
internal static class UserDataTables
{
    public const string NoUserDataMarker = "datapunk:erasure=no-user-data";

    public const string KeepMarker = "datapunk:erasure=keep";

    /// <summary>Tables that hold no personal rows; Orleans' are erased by key (<see cref="GrainRows"/>).</summary>
    public static readonly IReadOnlySet<string> WithoutUserData = new HashSet<string>(StringComparer.Ordinal)
    {
        "public.schema_migrations", "public.spatial_ref_sys", "user_data.record_kinds",
        "orleans.orleansquery", "orleans.membership_version", "orleans.membership", "orleans.grain_state", "orleans.reminders",
    };

    private const string Catalog = """
        SELECT n.nspname || '.' || c.relname,
               EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'user_id' AND NOT a.attisdropped AND a.attnum > 0),
               coalesce(obj_description(c.oid, 'pg_class'), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        ORDER BY 1
        """;

    /// <summary>Tables whose rows of a user erasure deletes (<c>schema.table</c>); throws for a table it cannot judge.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        var unknown = new List<string>();
        await using var command = new NpgsqlCommand(Catalog, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (table, hasUserId, comment) = (reader.GetString(0), reader.GetBoolean(1), reader.GetString(2));
            if (hasUserId && !comment.Contains(KeepMarker, StringComparison.Ordinal))
            {
                tables.Add(table);
            }
            else if (!hasUserId && !WithoutUserData.Contains(table) && !comment.Contains(NoUserDataMarker, StringComparison.Ordinal))
            {
                unknown.Add(table);
            }
        }

        return unknown.Count == 0
            ? tables
            : throw new InvalidOperationException(
                $"Erasure stopped before deleting anything: {string.Join(", ", unknown)} ha{(unknown.Count == 1 ? "s" : "ve")} no user_id column, "
                + $"so it cannot tell whose rows are there. Give each a user_id column, or, if it holds nobody's personal data, "
                + $"say so: COMMENT ON TABLE … IS '{NoUserDataMarker}' (docs/security.md, \"Export and erasure\").");
    }
}
