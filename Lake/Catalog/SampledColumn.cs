namespace Datapunk.Lake.Catalog;

/// <summary>A field of a dataset as a SQL expression over its sampled rows (<c>s</c>), with the type the catalog shows.</summary>
internal sealed record SampledColumn(string Name, string Type, string Expression);
