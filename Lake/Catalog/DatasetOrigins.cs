namespace Datapunk.Lake.Catalog;

/// <summary>Where a dataset's rows come from: an export's import, a phone posting live, a polled connection, an uploaded table, a derivation, or originals kept.</summary>
public static class DatasetOrigins
{
    public const string Import = "import";
    public const string Live = "live";
    public const string Connection = "connection";
    public const string Upload = "upload";
    public const string Derived = "derived";
    public const string Original = "original";
}
