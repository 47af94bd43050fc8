using System.Diagnostics;
using Npgsql;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// Runs one user's SQL in the workbench (docs/catalog.md, "SQL workbench"): binds a transaction of the workbench's
/// login to the user, answers from the cache when the user's data version has a result for the query, otherwise
/// makes the views of the user's uploaded tables, turns the transaction read-only with the query's limits,
/// declares the query as a cursor, fetches the rows once and rolls back.
/// </summary>
public sealed class WorkbenchRunner(WorkbenchDataSource dataSource, IWorkbenchResultCache cache, WorkbenchLimits limits)
{
    public async Task<WorkbenchResult> RunAsync(string userId, WorkbenchQuery query, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (sql, problem) = UserSql.Normalize(query.Sql, limits);
        var (limit, limitProblem) = UserSql.Limit(query.Limit, limits);
        if (sql is null || limitProblem is not null)
        {
            return WorkbenchResult.Failed(WorkbenchErrors.Refusal(problem ?? limitProblem!), clock.ElapsedMilliseconds);
        }

        if (!dataSource.IsConfigured)
        {
            return WorkbenchResult.Failed(WorkbenchErrors.NotConfigured(), 0);
        }

        var masked = !query.Unmasked;
        using var deadline = Deadline(cancellationToken);
        try
        {
            await using var session = await WorkbenchSession.BeginAsync(dataSource.Pool, userId, deadline.Token);
            var dataVersion = await session.DataVersionAsync(deadline.Token);
            var queryHash = WorkbenchQueryKey.Of(sql, limit, masked);
            if (await cache.GetAsync(userId, queryHash, dataVersion) is { } cached && cached.UserId == userId)
            {
                return new WorkbenchResult(cached.Columns, cached.RowsJson, cached.RowCount, cached.Truncated, clock.ElapsedMilliseconds, true, null);
            }

            await UserTableViews.CreateAsync(session.Connection, deadline.Token);
            await session.ShowOwnFixesAsync(userId, deadline.Token);
            await session.LockDownAsync(limits.StatementTimeout, deadline.Token);
            var started = Stopwatch.StartNew();
            await session.DeclareAsync(sql, deadline.Token);
            var page = await WorkbenchRows.FetchAsync(session.Connection, limit, masked, limits, started, deadline.Token);
            await cache.SetAsync(userId, queryHash, dataVersion,
                new WorkbenchCachedResult(userId, page.Columns, page.RowsJson, page.RowCount, page.Truncated), limits.CacheTimeToLive);
            return new WorkbenchResult(page.Columns, page.RowsJson, page.RowCount, page.Truncated, clock.ElapsedMilliseconds, false, null);
        }
        catch (PostgresException exception)
        {
            return WorkbenchResult.Failed(WorkbenchErrors.Of(exception, WorkbenchSession.DeclarePrefix.Length, limits.StatementTimeout), clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WorkbenchResult.Failed(WorkbenchErrors.Timeout(limits.StatementTimeout), clock.ElapsedMilliseconds);
        }
    }

    public async Task<WorkbenchPlan> ExplainAsync(string userId, WorkbenchQuery query, CancellationToken cancellationToken)
    {
        var (sql, problem) = UserSql.Normalize(query.Sql, limits);
        if (sql is null)
        {
            return new WorkbenchPlan(null, WorkbenchErrors.Refusal(problem!));
        }

        if (!dataSource.IsConfigured)
        {
            return new WorkbenchPlan(null, WorkbenchErrors.NotConfigured());
        }

        using var deadline = Deadline(cancellationToken);
        try
        {
            await using var session = await WorkbenchSession.BeginAsync(dataSource.Pool, userId, deadline.Token);
            await UserTableViews.CreateAsync(session.Connection, deadline.Token);
            await session.ShowOwnFixesAsync(userId, deadline.Token);
            await session.LockDownAsync(limits.StatementTimeout, deadline.Token);
            // Declared first: only a query gets as far as EXPLAIN, and its error positions are the run's.
            await session.DeclareAsync(sql, deadline.Token);
            return new WorkbenchPlan(await session.ExplainAsync(sql, deadline.Token), null);
        }
        catch (PostgresException exception)
        {
            return new WorkbenchPlan(null, WorkbenchErrors.Of(exception, WorkbenchSession.DeclarePrefix.Length, limits.StatementTimeout));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WorkbenchPlan(null, WorkbenchErrors.Timeout(limits.StatementTimeout));
        }
    }

    // PostgreSQL's timeout ends the query; this one ends the silo's wait if the server does not answer.
    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.StatementTimeout * 2 + TimeSpan.FromSeconds(5));
        return deadline;
    }
}
