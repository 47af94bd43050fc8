using Npgsql;

namespace Datapunk.Lake.Workbench;

/// <summary>How a failed workbench query is told to the user: PostgreSQL's own message, with its position in the user's SQL.</summary>
internal static class WorkbenchErrors
{
    public static WorkbenchError Of(PostgresException exception, int prefixLength, TimeSpan timeout)
    {
        if (exception.SqlState == WorkbenchErrorStates.QueryCanceled)
        {
            return new WorkbenchError(
                $"The query ran longer than the limit of {timeout.TotalSeconds:0.#} s and was stopped ({exception.MessageText}).", exception.SqlState, null,
                "Narrow it (a time range, fewer rows) or aggregate in SQL.");
        }

        // PostgreSQL counts characters from 1 in the statement it was sent, which begins with the cursor's declaration.
        int? position = exception.Position > prefixLength ? exception.Position - prefixLength : null;
        return new WorkbenchError(exception.MessageText, exception.SqlState, position, exception.Hint ?? HintFor(exception.SqlState));
    }

    public static WorkbenchError Timeout(TimeSpan timeout) => new(
        $"The query ran longer than the limit of {timeout.TotalSeconds:0.#} s and was stopped.", WorkbenchErrorStates.QueryCanceled, null, "Narrow it (a time range, fewer rows) or aggregate in SQL.");

    public static WorkbenchError NotConfigured() => new(WorkbenchDataSource.NotConfiguredMessage, WorkbenchErrorStates.NotConfigured, null, null);

    public static WorkbenchError Refusal(string message) => new(message, WorkbenchErrorStates.Refused, null, null);

    private static string? HintFor(string sqlState) => sqlState switch
    {
        // insufficient_privilege: anything outside the workbench's views.
        "42501" => "The workbench reads only your views: records, fixes, places, files, imports, the views of each kind and your uploaded tables.",
        // read_only_sql_transaction
        "25006" => "The workbench only reads: a query cannot change anything.",
        _ => null,
    };
}
