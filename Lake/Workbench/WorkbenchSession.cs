using System.Globalization;
using Npgsql;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// One transaction of the workbench's login, bound to one user (migration 0042): it begins read-write only to
/// write the binding and the temporary views of the user's uploaded tables, then turns read-only with the
/// query's limits before the user's SQL reaches PostgreSQL, and always rolls back, taking the binding and the
/// views with it. The connection is then reset (<c>DISCARD ALL</c>: session settings, advisory locks, temporary
/// objects) before it goes back to the pool.
/// </summary>
internal sealed class WorkbenchSession : IAsyncDisposable
{
    /// <summary>The cursor the user's query is declared as; error positions are counted after this prefix.</summary>
    public const string DeclarePrefix = "DECLARE workbench_rows NO SCROLL CURSOR WITHOUT HOLD FOR ";

    private readonly NpgsqlConnection _connection;

    private WorkbenchSession(NpgsqlConnection connection) => _connection = connection;

    public NpgsqlConnection Connection => _connection;

    /// <summary>Opens a connection of the workbench's login and binds its transaction to <paramref name="userId"/>.</summary>
    public static async Task<WorkbenchSession> BeginAsync(NpgsqlDataSource pool, string userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new InvalidOperationException("The SQL workbench was asked to run without a user id.");
        }

        var connection = await pool.OpenConnectionAsync(cancellationToken);
        var session = new WorkbenchSession(connection);
        try
        {
            // The login's transactions are read-only by default (migration 0042): this one writes its binding first.
            await session.ExecuteAsync("BEGIN ISOLATION LEVEL REPEATABLE READ READ WRITE", cancellationToken);
            // The user id setting is what the policies read if the views' owner is itself subject to them
            // (a migrator that is no superuser); the views filter by the binding whatever it says.
            await using var bind = new NpgsqlCommand("SELECT workbench.bind($1), set_config('datapunk.user_id', $1, true), set_config('standard_conforming_strings', 'on', true)", connection);
            bind.Parameters.Add(new NpgsqlParameter { Value = userId });
            await bind.ExecuteNonQueryAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Shadows <c>workbench.fixes</c> with a temporary view of this transaction that names <paramref name="userId"/> as a
    /// literal, so PostgreSQL prunes other users' location leaves when planning (migration 0044); an uploaded table
    /// the user named <c>fixes</c> keeps the name. Must run before the transaction turns read-only.
    /// </summary>
    public async Task ShowOwnFixesAsync(string userId, CancellationToken cancellationToken)
    {
        await using var build = new NpgsqlCommand("""
            SELECT CASE WHEN to_regclass('pg_temp.fixes') IS NULL THEN format(
                'CREATE TEMP VIEW fixes AS SELECT time, lat, lng, accuracy_m, altitude_m, velocity_mps, heading, source, device, file_id '
                || 'FROM workbench.fixes_by_user WHERE user_id = %L', $1::text) END
            """, _connection);
        build.Parameters.Add(new NpgsqlParameter { Value = userId });
        if (await build.ExecuteScalarAsync(cancellationToken) is string create)
        {
            await ExecuteAsync(create, cancellationToken);
        }
    }

    /// <summary>What changes whenever the bound user's data does (<c>workbench.data_version()</c>).</summary>
    public async Task<string> DataVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT workbench.data_version()", _connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Turns the transaction read-only (PostgreSQL refuses to turn it back) and sets the query's limits and
    /// name resolution: the user's temporary views first, then the workbench's views, then PostGIS and the
    /// other functions of <c>public</c>. Times are written in UTC and ISO 8601. JIT is off: a query over the
    /// fixes is planned over every month's leaf of every user (the user is known only when it runs), its cost
    /// estimate passes JIT's thresholds, and compiling those plans took minutes where running them took
    /// milliseconds (measured: 217 s of JIT for a count over 7,177 leaves).
    /// </summary>
    public async Task LockDownAsync(TimeSpan statementTimeout, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT set_config('transaction_read_only', 'on', true),
                   set_config('statement_timeout', $1, true),
                   set_config('search_path', 'pg_temp, workbench, public', true),
                   set_config('TimeZone', 'UTC', true),
                   set_config('DateStyle', 'ISO, YMD', true),
                   set_config('IntervalStyle', 'iso_8601', true),
                   set_config('extra_float_digits', '1', true),
                   set_config('jit', 'off', true)
            """, _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ((long)statementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Declares the user's query as the cursor <c>workbench_rows</c>. It is sent as the only command of a batch,
    /// which Npgsql passes through unparsed as one protocol message: PostgreSQL then refuses a second statement
    /// ("cannot insert multiple commands into a prepared statement"), and a cursor takes a query only.
    /// </summary>
    public async Task DeclareAsync(string sql, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(_connection) { BatchCommands = { new NpgsqlBatchCommand(DeclarePrefix + sql) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>PostgreSQL's plan of the query (not run), sent the same way as <see cref="DeclareAsync"/>.</summary>
    public async Task<string> ExplainAsync(string sql, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(_connection) { BatchCommands = { new NpgsqlBatchCommand("EXPLAIN (FORMAT JSON) " + sql) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var plan = new System.Text.StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.Append(reader.GetString(0));
        }

        return plan.ToString();
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rolls back (the binding and the temporary views go with it) and resets the session; a broken connection is dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_connection.FullState == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync("ROLLBACK", CancellationToken.None);
                await ExecuteAsync("DISCARD ALL", CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // Nothing was committed; a connection that cannot roll back is closed instead of pooled.
            NpgsqlConnection.ClearPool(_connection);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
