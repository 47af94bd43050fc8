namespace Datapunk.Grains;

/// <summary>
/// The SQL workbench of one user, keyed by the user id (docs/catalog.md, "SQL workbench"): read-only SQL over
/// the user's own views, as a login that can read nothing else, one query of the user at a time. A
/// personal-data grain: it answers only its owner.
/// </summary>
[Alias("workbench")]
public interface IWorkbenchGrain : IGrainWithStringKey
{
    /// <summary>Runs one query under the workbench's limits (from the cache when the user's data has not changed) and records it in the history.</summary>
    [Alias("RunAsync")]
    Task<WorkbenchResult> RunAsync(WorkbenchQuery query);

    /// <summary>
    /// One query over the user's views written by the configured language model for <paramref name="question"/>,
    /// to show before it runs (never run here); its identifiers reach the model as pseudonyms unless the user
    /// turned masking off for that server.
    /// </summary>
    [Alias("WriteQueryAsync")]
    Task<WrittenSql> WriteQueryAsync(string question);

    /// <summary>PostgreSQL's plan of the query without running it, under the same limits.</summary>
    [Alias("ExplainAsync")]
    Task<WorkbenchPlan> ExplainAsync(WorkbenchQuery query);

    /// <summary>The queries the user ran, newest first (at most <paramref name="limit"/>).</summary>
    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<SqlHistoryEntry>> GetHistoryAsync(int limit);

    /// <summary>The user's saved queries by name.</summary>
    [Alias("GetSavedAsync")]
    Task<IReadOnlyList<SavedSqlQuery>> GetSavedAsync();

    /// <summary>Saves <paramref name="sql"/> under <paramref name="name"/>, replacing a saved query of that name.</summary>
    [Alias("SaveAsync")]
    Task<SavedSqlQuery> SaveAsync(string name, string sql);

    /// <summary>Deletes the saved query <paramref name="id"/>; false when the user has none by that id.</summary>
    [Alias("DeleteSavedAsync")]
    Task<bool> DeleteSavedAsync(long id);
}
