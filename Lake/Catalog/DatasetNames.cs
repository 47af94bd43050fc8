namespace Datapunk.Lake.Catalog;

/// <summary>
/// The catalog's names of datasets: <c>fixes:FORMAT</c> (location fixes from one format or live protocol),
/// <c>records:FORMAT:KIND</c>, <c>table:NAME</c> (an uploaded table), <c>gold:NAME</c> (places, embeddings,
/// models) and <c>bronze:originals</c>. Rows whose file reference resolves to no source file have the format
/// <see cref="Unresolved"/>.
/// </summary>
public static class DatasetNames
{
    public const string Unresolved = "unresolved";

    public const string Originals = "bronze:originals";

    public static string Fixes(string format) => $"fixes:{format}";

    public static string Records(string format, string kind) => $"records:{format}:{kind}";

    public static string Table(string name) => $"table:{name}";

    public static string Gold(string name) => $"gold:{name}";
}
