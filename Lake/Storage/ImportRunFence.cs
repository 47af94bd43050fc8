using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Fencing of pipeline runs, like the actor runtime's lease fencing of state writes: each run
/// takes the next <c>imports.jobs.run_no</c>, and every transaction that changes the user's data
/// or the import's bookkeeping first locks the job row FOR KEY SHARE where the run number is
/// still its own. A new run takes the row FOR UPDATE, which waits for those transactions, and
/// every later one of the old run finds no row and rolls back. (FOR KEY SHARE rather than FOR
/// SHARE so that mirroring the job's status, a plain UPDATE, never waits for a merge.)
/// </summary>
internal static class ImportRunFence
{
    public const string CheckSql = "SELECT 1 FROM imports.jobs WHERE import_id = $1 AND run_no = $2 FOR KEY SHARE";

    /// <summary>Takes the next run number for the import; every earlier run is fenced off from now on.</summary>
    public static async Task<int> StartRunAsync(NpgsqlDataSource dataSource, Guid importId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using (var claim = new NpgsqlCommand("SELECT 1 FROM imports.jobs WHERE import_id = $1 FOR UPDATE", connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = importId });
            _ = await claim.ExecuteScalarAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Import {importId} has no row in imports.jobs.");
        }

        await using var command = new NpgsqlCommand(
            "UPDATE imports.jobs SET run_no = run_no + 1, started_at = coalesce(started_at, now()) WHERE import_id = $1 RETURNING run_no",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = importId });
        var runNo = (await command.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return (int)runNo;
    }

    /// <summary>Checks the fence inside <paramref name="transaction"/>; throws when a newer run took over.</summary>
    public static async Task CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid importId, int runNo, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CheckSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = importId });
        command.Parameters.Add(new NpgsqlParameter { Value = runNo });
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            throw Superseded(importId, runNo);
        }
    }

    public static ImportRunSupersededException Superseded(Guid importId, int runNo) =>
        new($"Run {runNo} of import {importId} was superseded by a newer run; it stops without writing.");
}
