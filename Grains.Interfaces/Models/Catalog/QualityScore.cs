namespace Datapunk.Grains;

/// <summary>
/// One quality dimension of a dataset: its measure in words, the score (0..1, null when the dimension does
/// not apply to the dataset or nothing could be compared), how many rows it checked and how many failed, and up
/// to <c>QualityLimits.FailingRows</c> of those rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("catalog-quality-score")]
public sealed record QualityScore(
    [property: Id(0)] string Dimension,
    [property: Id(1)] double? Score,
    [property: Id(2)] long Checked,
    [property: Id(3)] long Failed,
    [property: Id(4)] string Measure,
    [property: Id(5)] IReadOnlyList<FailingRow> FailingRows);
