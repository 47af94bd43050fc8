namespace Datapunk.Benchmarks.Harness;

/// <summary>A goal for one metric: at least or at most <see cref="Value"/>.</summary>
internal sealed record Target(double Value, bool AtLeast)
{
    public static Target AtLeastOf(double value) => new(value, AtLeast: true);

    public static Target Below(double value) => new(value, AtLeast: false);

    public bool IsMetBy(double measured) => !double.IsNaN(measured) && (AtLeast ? measured >= Value : measured < Value);

    public string Describe(string unit) => $"{(AtLeast ? "≥" : "<")} {Value.ToString("#,0.##", CultureInfo.InvariantCulture)} {unit}";
}
