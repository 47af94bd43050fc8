using Datapunk.Actors.Hosting;
using Datapunk.Benchmarks.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Datapunk.Benchmarks.Silos;

/// <summary>
/// `Datapunk.Benchmarks silo --cluster ID [--port N]`: this executable as a plain silo hosting the
/// benchmark grains, the second silo of the cross-silo benchmark. It prints "READY address silo-id"
/// once it is ready and stops when its standard input closes (its parent ended) or on SIGTERM.
/// </summary>
internal static class SiloCommand
{
    public const string ReadyPrefix = "READY ";

    public static async Task<int> RunAsync(string[] args)
    {
        string? clusterId = null;
        var port = 0;
        var connectionString = new BenchmarkOptions().SiloConnectionString();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cluster":
                    clusterId = CommandLine.Value(args, ref i);
                    break;
                case "--port":
                    port = int.Parse(CommandLine.Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--connection":
                    connectionString = CommandLine.Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"Unknown silo option '{args[i]}'.\n\n{CommandLine.Usage}");
            }
        }

        if (clusterId is null)
        {
            throw new ArgumentException($"The silo command needs --cluster.\n\n{CommandLine.Usage}");
        }

        using var host = BenchmarkSilo.Build(BenchmarkSiloOptions.Create(connectionString, clusterId, port));
        await host.StartAsync();
        var status = host.Services.GetRequiredService<ISiloStatus>();
        await Poll.UntilAsync(() => Task.FromResult(status.IsReady), TimeSpan.FromSeconds(60), () => "the silo to be ready", CancellationToken.None);
        Console.WriteLine($"{ReadyPrefix}{status.Address} {status.SiloId}");

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var parentGone = new Thread(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
                // Nothing is sent; end of input means the parent closed it or died.
            }

            lifetime.StopApplication();
        })
        { IsBackground = true, Name = "parent watch" };
        parentGone.Start();
        await host.WaitForShutdownAsync();
        return 0;
    }
}
