namespace Datapunk.Grains;

/// <summary>The <see cref="WorkbenchError.SqlState"/> values that are the workbench's own rather than PostgreSQL's, and the timeout's.</summary>
public static class WorkbenchErrorStates
{
    /// <summary>PostgreSQL's query_canceled: the statement timeout (or the silo's own deadline) stopped the query.</summary>
    public const string QueryCanceled = "57014";

    /// <summary>The workbench refused the request before PostgreSQL saw it (empty or too long SQL, a limit out of range).</summary>
    public const string Refused = "datapunk:refused";

    /// <summary>The host has no workbench login (<c>ConnectionStrings:PostgresWorkbench</c>).</summary>
    public const string NotConfigured = "datapunk:not-configured";
}
