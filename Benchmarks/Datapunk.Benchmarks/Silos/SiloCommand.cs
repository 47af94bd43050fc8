using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Datapunk.Benchmarks.Silos;

/// <summary>
/// This executable as a plain silo hosting the benchmark grains: silo B of the cross-silo benchmark.
/// Chosen by the environment (<c>DATAPUNK_BENCH_ROLE=silo</c>), because <c>Datapunk.Testing</c>'s
/// <c>SiloProcess</c> starts a dll without arguments; its settings come from the environment too
/// (<see cref="BenchmarkSiloSettings.FromEnvironment"/>). It stops on SIGTERM, or when the benchmark
/// process that started it is gone, so a crashed run leaves no silo behind.
/// </summary>
internal static class SiloCommand
{
    public const string RoleVariable = "DATAPUNK_BENCH_ROLE";
    public const string ParentVariable = "DATAPUNK_BENCH_PARENT_PID";
    public const string Role = "silo";

    private static readonly TimeSpan ParentCheckInterval = TimeSpan.FromSeconds(1);

    public static bool IsRequested => Environment.GetEnvironmentVariable(RoleVariable) == Role;

    /// <summary>The variables that make a child process of this executable run as a silo.</summary>
    public static Dictionary<string, string> EnvironmentOf(BenchmarkSiloSettings settings)
    {
        var environment = settings.EnvironmentOf();
        environment[RoleVariable] = Role;
        environment[ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return environment;
    }

    public static async Task<int> RunAsync()
    {
        using var host = BenchmarkSilo.Build(BenchmarkSiloSettings.FromEnvironment());
        await host.StartAsync();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        if (int.TryParse(Environment.GetEnvironmentVariable(ParentVariable), CultureInfo.InvariantCulture, out var parent))
        {
            _ = StopWhenGoneAsync(parent, lifetime);
        }

        await host.WaitForShutdownAsync();
        return 0;
    }

    private static async Task StopWhenGoneAsync(int processId, IHostApplicationLifetime lifetime)
    {
        using var timer = new PeriodicTimer(ParentCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(lifetime.ApplicationStopping))
            {
                if (!IsRunning(processId))
                {
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping anyway.
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
