namespace Datapunk.Lake.Catalog;

/// <summary>
/// One dimension's measure over a dataset: a SQL query over the dataset's window <c>d</c> that yields the failing
/// rows (<c>id</c>, <c>reason</c>) and the condition that makes a row count as checked (<c>true</c>: every row).
/// </summary>
internal sealed record QualityMeasure(string Dimension, string Measure, string Checked, string Failing);
