namespace Datapunk.Benchmarks.Harness;

/// <summary>Number formats shared by the console lines and the results file.</summary>
internal static class Format
{
    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Micros(double microseconds) => microseconds switch
    {
        double.NaN => "n/a",
        >= 10_000 => $"{microseconds / 1000:0.0} ms",
        >= 1_000 => $"{microseconds / 1000:0.00} ms",
        _ => $"{microseconds:0.0} µs",
    };

    /// <summary>Plain digits for the results file: whole numbers from 100 up, up to two decimals above 1, three below.</summary>
    public static string Number(double value) => value.ToString(Math.Abs(value) switch
    {
        >= 100 => "0",
        >= 1 => "0.0#",
        _ => "0.###",
    }, CultureInfo.InvariantCulture);
}
