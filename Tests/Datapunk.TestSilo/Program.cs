using Datapunk.Actors.Hosting;
using Datapunk.TestGrains;

// A silo hosting the test grains, started as a separate process by the cluster tests.
var builder = Host.CreateApplicationBuilder(args);
var options = new ActorRuntimeOptions();
builder.Configuration.GetSection("Actors").Bind(options);
builder.Services.AddDatapunkSilo(options, typeof(CounterGrain).Assembly);
await builder.Build().RunAsync();
