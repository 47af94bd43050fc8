namespace Datapunk.Lake.Workbench;

/// <summary>
/// The SQL workbench's limits (section <c>Workbench</c>): how many rows a query returns, how long it may run,
/// how many bytes of its result the silo holds, how long a text value may be, and how long a result stays cached.
/// </summary>
public sealed class WorkbenchLimits
{
    public const string Section = "Workbench";

    /// <summary>Rows returned when the query names no limit.</summary>
    public int DefaultRowLimit { get; set; } = 1_000;

    /// <summary>The most rows a query may ask for.</summary>
    public int MaxRowLimit { get; set; } = 10_000;

    /// <summary>PostgreSQL's statement timeout for the query (planning and fetching each).</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The JSON of the rows the silo buffers; rows beyond it are cut and the result says it was truncated.</summary>
    public int MaxResultBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longer text values are cut there and end with a marker saying so.</summary>
    public int MaxCellCharacters { get; set; } = 2_000;

    /// <summary>The longest SQL text accepted.</summary>
    public int MaxSqlCharacters { get; set; } = 100_000;

    /// <summary>How long a result is served from the cache while the user's data does not change.</summary>
    public TimeSpan CacheTimeToLive { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Queries kept in a user's history.</summary>
    public int HistoryKept { get; set; } = 200;
}
