namespace Datapunk.Lake.Tables;

/// <summary>Settings of users' own tables (configuration section <c>Tables</c>, docs/catalog.md).</summary>
public sealed class UserTablesOptions
{
    public const string Section = "Tables";

    /// <summary>The largest file an upload may be; a larger one is refused with 413 while it arrives.</summary>
    public long MaxFileBytes { get; set; } = 1L << 30;

    /// <summary>What an xlsx (a zip) may declare its parts inflate to together.</summary>
    public long MaxInflatedBytes { get; set; } = TableReadOptions.DefaultMaxInflatedBytes;

    /// <summary>Rows copied to PostgreSQL at once.</summary>
    public int BatchRows { get; set; } = 50_000;

    /// <summary>Rows a preview shows.</summary>
    public int PreviewRows { get; set; } = 20;
}
