using Npgsql;

namespace Datapunk.Silo.Storage;

/// <summary>
/// What the role a pool logs in as may do that the silos' login must not (docs/security.md,
/// "Isolation in the database"): be a superuser, bypass row-level security, or hold an owner's
/// rights over a table (own one, or be a member of a role that does). Such a login is the owner
/// in all but name: isolation then rests on each transaction's <c>SET ROLE datapunk_app</c> alone.
/// </summary>
/// <param name="Name">The login role.</param>
/// <param name="Superuser">It is a superuser.</param>
/// <param name="BypassesRowSecurity">It has BYPASSRLS.</param>
/// <param name="OwnsTables">It has the rights of an owner of a table, view or sequence outside PostgreSQL's own schemas.</param>
/// <param name="SchemaMigrated">Migrations were applied here before (<c>public.schema_migrations</c> exists).</param>
public sealed record DatabaseLogin(string Name, bool Superuser, bool BypassesRowSecurity, bool OwnsTables, bool SchemaMigrated)
{
    private const string Query = """
        SELECT r.rolname, r.rolsuper, r.rolbypassrls,
               EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
                         AND pg_has_role(r.oid, c.relowner, 'USAGE')),
               to_regclass('public.schema_migrations') IS NOT NULL
        FROM pg_roles r WHERE r.rolname = session_user
        """;

    /// <summary>Whether this login could do what only the owner should.</summary>
    public bool IsOwnerLike => Superuser || BypassesRowSecurity || OwnsTables;

    public static async Task<DatabaseLogin> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseLogin(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4));
    }
}
