namespace Datapunk.Lake.Catalog;

/// <summary>
/// The zones as this product means them: bronze is what is kept exactly as received (originals of uploads the user
/// chose to keep), silver the normalised records every import and live source stores, gold what is derived from them.
/// </summary>
public static class CatalogZones
{
    public const string Bronze = "bronze";
    public const string Silver = "silver";
    public const string Gold = "gold";
}
