namespace Datapunk.Silo.Api;

/// <summary>
/// The SQL workbench's checks of what a caller sent, by parameter name: the REST routes (<see cref="SqlApi"/>) and the
/// gRPC Workbench service refuse the same requests with the same words.
/// </summary>
internal static class SqlRequests
{
    public const int MaxQuestionLength = 500;

    public const int DefaultHistory = 50;

    public const int MaxHistory = 200;

    /// <summary>What is wrong with a question for the language model; empty when nothing is.</summary>
    public static Dictionary<string, string[]> QuestionErrors(string? question) =>
        string.IsNullOrWhiteSpace(question) || question.Length > MaxQuestionLength
            ? new() { ["question"] = [$"Ask a question of 1 to {MaxQuestionLength} characters."] }
            : [];

    /// <summary>What is wrong with a history's size; empty when nothing is.</summary>
    public static Dictionary<string, string[]> HistoryErrors(int limit) =>
        limit is < 1 or > MaxHistory ? new() { ["limit"] = [$"limit must be 1-{MaxHistory}."] } : [];

    /// <summary>What is wrong with a query to save (<paramref name="name"/> and <paramref name="sql"/> trimmed); empty when nothing is.</summary>
    public static Dictionary<string, string[]> SaveErrors(string name, string sql)
    {
        var errors = new Dictionary<string, string[]>();
        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["Give the query a name of 1-200 characters."];
        }

        if (sql.Length is 0 or > 100_000)
        {
            errors["sql"] = ["The SQL must be 1-100,000 characters."];
        }

        return errors;
    }
}
