using Datapunk.Cortex.Answers.LanguageModel;
using Datapunk.Lake.Workbench;
using Datapunk.Users.Secrets;
using Microsoft.Extensions.DependencyInjection;

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

    public async Task<WrittenSql> WriteQueryAsync(string question)
    {
        var writer = ServiceProvider.GetRequiredService<SqlFromQuestion>();
        if (!writer.IsAvailable)
        {
            return new WrittenSql(null, null, "No language-model server is configured (Cortex:Chat); write the SQL yourself.");
        }

        var chat = ServiceProvider.GetRequiredService<ChatModelSettings>();
        var key = await ServiceProvider.GetRequiredService<SecretStore>().GetAsync(UserId, ChatModelSettings.ApiKeySecret, CancellationToken.None);
        var masks = await ServiceProvider.GetRequiredService<ModelServerMasking>().MasksAsync(UserId, chat.Endpoint!, CancellationToken.None);
        var schema = await ServiceProvider.GetRequiredService<WorkbenchSchema>().DescribeAsync(UserId, CancellationToken.None);
        var written = await writer.WriteAsync(question, schema, key, masks, CancellationToken.None);
        return new WrittenSql(written.Sql, written.Explanation, written.Refusal);
    }

    public Task<WorkbenchPlan> ExplainAsync(WorkbenchQuery query) => runner.ExplainAsync(UserId, query, CancellationToken.None);

    public Task<IReadOnlyList<SqlHistoryEntry>> GetHistoryAsync(int limit) =>
        history.ListAsync(UserId, Math.Clamp(limit, 1, MaxHistoryPage), CancellationToken.None);

    public Task<IReadOnlyList<SavedSqlQuery>> GetSavedAsync() => saved.ListAsync(UserId, CancellationToken.None);

    public Task<SavedSqlQuery> SaveAsync(string name, string sql) => saved.SaveAsync(UserId, name, sql, CancellationToken.None);

    public Task<bool> DeleteSavedAsync(long id) => saved.DeleteAsync(UserId, id, CancellationToken.None);
}
