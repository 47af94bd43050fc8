using System.Globalization;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// The user's SQL as the workbench sends it: trimmed, one trailing semicolon dropped (PostgreSQL would refuse it
/// inside <c>DECLARE … CURSOR FOR</c>), not empty and not longer than the limit. Nothing else is rewritten: what
/// keeps it to one read-only query is PostgreSQL (one statement per protocol message, a cursor takes a query
/// only, the transaction is read-only), not parsing here.
/// </summary>
public static class UserSql
{
    /// <summary>The SQL to run, or the reason it cannot be.</summary>
    public static (string? Sql, string? Problem) Normalize(string? sql, WorkbenchLimits limits)
    {
        var text = (sql ?? "").Trim();
        if (text.EndsWith(';'))
        {
            text = text[..^1].TrimEnd();
        }

        if (text.Length == 0)
        {
            return (null, "Write a query: one SELECT (or WITH, VALUES, TABLE) over your views, e.g. SELECT kind, count(*) FROM records GROUP BY kind.");
        }

        return text.Length > limits.MaxSqlCharacters
            ? (null, string.Create(CultureInfo.InvariantCulture, $"The query is {text.Length:N0} characters long; at most {limits.MaxSqlCharacters:N0} are accepted."))
            : (text, null);
    }

    /// <summary>The row limit of a query: <paramref name="requested"/> or the default, or the reason it is refused.</summary>
    public static (int Limit, string? Problem) Limit(int? requested, WorkbenchLimits limits)
    {
        if (requested is not { } asked)
        {
            return (limits.DefaultRowLimit, null);
        }

        return asked >= 1 && asked <= limits.MaxRowLimit
            ? (asked, null)
            : (0, string.Create(CultureInfo.InvariantCulture, $"limit must be between 1 and {limits.MaxRowLimit:N0}, not {asked:N0}."));
    }
}
