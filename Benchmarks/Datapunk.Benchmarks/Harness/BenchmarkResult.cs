namespace Datapunk.Benchmarks.Harness;

/// <summary>One measured number of a benchmark; headline results carry a target.</summary>
internal sealed record BenchmarkResult(string Benchmark, string Metric, double Value, string Unit, Target? Target = null, string Details = "")
{
    public bool? Met => Target?.IsMetBy(Value);

    public string Describe()
    {
        var line = $"{Benchmark} {Metric}: {Format.Number(Value)} {Unit}";
        if (Target is not null)
        {
            line += $" (target {Target.Describe(Unit)}: {(Met == true ? "met" : "NOT met")})";
        }

        return Details.Length == 0 ? line : $"{line}; {Details}";
    }
}
