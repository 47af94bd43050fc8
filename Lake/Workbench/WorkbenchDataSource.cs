using Npgsql;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// The pool of the SQL workbench's own login (<c>ConnectionStrings:PostgresWorkbench</c>, role
/// <c>datapunk_workbench</c>: a member of no role, reading only the <c>workbench</c> schema's views). Without that
/// setting the workbench refuses every query: user SQL never runs as the silos' login, which may switch to roles
/// that bypass row-level security.
/// </summary>
public sealed class WorkbenchDataSource : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _pool;

    private WorkbenchDataSource(NpgsqlDataSource? pool) => _pool = pool;

    public const string NotConfiguredMessage =
        "The SQL workbench is not configured: set ConnectionStrings:PostgresWorkbench to the login of the role datapunk_workbench "
        + "(docs/security.md, \"Isolation in the database\"). User SQL never runs as the silos' own login.";

    public bool IsConfigured => _pool is not null;

    /// <summary>The workbench's pool; throws when the host has no login for it.</summary>
    public NpgsqlDataSource Pool => _pool ?? throw new InvalidOperationException(NotConfiguredMessage);

    public static WorkbenchDataSource Of(NpgsqlDataSource pool) => new(pool);

    public static WorkbenchDataSource NotConfigured() => new(null);

    public ValueTask DisposeAsync() => _pool?.DisposeAsync() ?? ValueTask.CompletedTask;
}
