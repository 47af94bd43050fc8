namespace Datapunk.Lake.Formats.Fit;

/// <summary>How a per-interval column adds up to the day.</summary>
internal enum FitAggregation
{
    Sum,
    Mean,
    Min,
    Max,
}
