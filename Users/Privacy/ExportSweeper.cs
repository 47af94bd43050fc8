using Microsoft.Extensions.Hosting;

namespace Datapunk.Users.Privacy;

/// <summary>Removes exports older than <see cref="UserExports.Lifetime"/> from every user's folder, hourly.</summary>
public sealed class ExportSweeper(UserSpool spool, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>Deletes every export file (finished, failed or abandoned) last written before a day ago; returns how many.</summary>
    public int Sweep()
    {
        if (!Directory.Exists(spool.Root))
        {
            return 0;
        }

        var removed = 0;
        var cutoff = clock.GetUtcNow().UtcDateTime - UserExports.Lifetime;
        foreach (var folder in Directory.EnumerateDirectories(spool.Root))
        {
            var exports = Path.Combine(folder, "exports");
            if (!Directory.Exists(exports))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(exports).Where(file => File.GetLastWriteTimeUtc(file) < cutoff))
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            Sweep();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
