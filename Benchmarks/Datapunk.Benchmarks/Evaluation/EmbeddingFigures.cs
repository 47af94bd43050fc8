namespace Datapunk.Benchmarks.Evaluation;

/// <summary>How long the background embedding took to cover the person's records after the import ended.</summary>
internal sealed record EmbeddingFigures(long Records, double Seconds, string Model)
{
    public double PerSecond => Seconds > 0 ? Records / Seconds : double.NaN;
}
