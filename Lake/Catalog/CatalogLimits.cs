namespace Datapunk.Lake.Catalog;

/// <summary>
/// The bounds that keep a refresh of a large catalog short (docs/catalog.md, "Quality"): quality is measured on
/// the newest rows of each dataset, schema and PII on a sample, and each list the catalog stores is capped.
/// </summary>
public static class CatalogLimits
{
    /// <summary>Failing rows kept per dataset and dimension.</summary>
    public const int FailingRows = 20;

    /// <summary>The newest rows of a dataset its quality is measured on.</summary>
    public const int QualityWindow = 100_000;

    /// <summary>Rows of a dataset whose fields are described (types, presence, examples).</summary>
    public const int SchemaSample = 500;

    /// <summary>Examples kept per field, each at most <see cref="ExampleLength"/> characters.</summary>
    public const int Examples = 3;

    public const int ExampleLength = 60;

    /// <summary>Rows of a dataset whose text fields are scanned for PII.</summary>
    public const int PiiSample = 2_000;

    /// <summary>Source files listed per dataset, newest first.</summary>
    public const int SourceFiles = 50;

    /// <summary>Quality snapshots shown as a dataset's trend, newest last.</summary>
    public const int TrendPoints = 30;

    /// <summary>Longest a refresh's statement may run.</summary>
    public const int StatementTimeoutSeconds = 120;
}
