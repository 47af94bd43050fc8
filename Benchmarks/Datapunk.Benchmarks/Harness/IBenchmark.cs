namespace Datapunk.Benchmarks.Harness;

/// <summary>One benchmark, selectable by <see cref="Name"/> on the command line.</summary>
internal interface IBenchmark
{
    string Name { get; }

    /// <summary>One line for the usage text and the console.</summary>
    string Description { get; }

    /// <summary>Sets up its own silos, warms up, measures and reports through <paramref name="context"/>.</summary>
    Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
