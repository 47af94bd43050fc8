using Datapunk.Lake.Workbench;

namespace Datapunk.Grains;

/// <summary>
/// The SQL workbench of one user (<see cref="IWorkbenchGrain"/>): hands its own id to the workbench's engine, so a
/// query runs bound to the grain's user and no other, one at a time per user, and keeps the history.
/// </summary>
public sealed class WorkbenchGrain(WorkbenchRunner runner, SqlHistoryStore history, SavedQueriesStore saved) : Grain, IWorkbenchGrain, IPersonalDataGrain
{
    private const int MaxHistoryPage = 200;

    public string? OwnerUserId => this.GetPrimaryKeyString();

    private string UserId => this.GetPrimaryKeyString();

    public async Task<WorkbenchResult> RunAsync(WorkbenchQuery query)
    {
        var result = await runner.RunAsync(UserId, query, CancellationToken.None);
        if (!string.IsNullOrWhiteSpace(query.Sql))
        {
            await history.AddAsync(UserId, query.Sql.Trim(), result, query.Unmasked, CancellationToken.None);
        }

        return result;
    }

    public Task<WorkbenchPlan> ExplainAsync(WorkbenchQuery query) => runner.ExplainAsync(UserId, query, CancellationToken.None);

    public Task<IReadOnlyList<SqlHistoryEntry>> GetHistoryAsync(int limit) =>
        history.ListAsync(UserId, Math.Clamp(limit, 1, MaxHistoryPage), CancellationToken.None);

    public Task<IReadOnlyList<SavedSqlQuery>> GetSavedAsync() => saved.ListAsync(UserId, CancellationToken.None);

    public Task<SavedSqlQuery> SaveAsync(string name, string sql) => saved.SaveAsync(UserId, name, sql, CancellationToken.None);

    public Task<bool> DeleteSavedAsync(long id) => saved.DeleteAsync(UserId, id, CancellationToken.None);
}
