using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Whether the silo's login role bypasses row-level security (a superuser, or a role with
/// BYPASSRLS), which a direct COPY of fixes into their RLS-protected table needs
/// (<see cref="LocationMerge"/>). A role that does not gets the staged merge, which works for any role.
/// </summary>
internal static class RowSecurityBypass
{
    public static async Task<bool> IsGrantedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user");
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
