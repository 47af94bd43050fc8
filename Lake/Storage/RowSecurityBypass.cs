using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Whether a pool's login may copy fixes straight into their RLS-protected table (<see cref="LocationMerge"/>):
/// COPY FROM refuses a table with row-level security unless the role bypasses it. The COPY runs as
/// <see cref="CopyRole"/> (migration 0017: NOLOGIN, BYPASSRLS, INSERT on the fixes and nothing else), so
/// the login must be allowed to switch to it, and it must have BYPASSRLS. The silos' login is not;
/// the import writer's is. Without it merges take the staged path, which works for any role.
/// </summary>
internal static class RowSecurityBypass
{
    public const string CopyRole = "datapunk_fix_copy";

    public static async Task<bool> IsGrantedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT rolbypassrls AND pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = '{CopyRole}'");
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
