using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Scenarios;
using Datapunk.Benchmarks.Silos;

// Stopwatch-based benchmarks of Datapunk on Orleans and of the import pipeline (docs/benchmarks.md),
// or, started with DATAPUNK_BENCH_ROLE=silo, a plain silo: the cross-silo benchmark's silo B.
if (SiloCommand.IsRequested)
{
    return await SiloCommand.RunAsync();
}

IBenchmark[] benchmarks = [new LocalCallsBenchmark(), new CrossSiloBenchmark(), new ActivationBenchmark(), new StateWritesBenchmark(), new ImportBenchmark(), new MapBenchmark(), new MapScaleBenchmark(), new BrowserBenchmark(), new EvaluationBenchmark(), new SearchScaleBenchmark(), new SearchMergeBenchmark(), new CatalogScaleBenchmark()];
return await BenchmarkCommand.Create(benchmarks, new BenchmarkRunner(benchmarks).RunAsync).Parse(args).InvokeAsync();
