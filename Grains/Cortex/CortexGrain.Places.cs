using Datapunk.Cortex.Places;
using Datapunk.Lake.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Datapunk.Grains;

/// <summary>
/// The local-time pass (<see cref="LocalZonePass"/>) runs outside the grain's turns, so search and
/// answers stay responsive meanwhile; the request is in the database and a reminder wakes the grain
/// wherever it lives until the pass has finished, so a crash only delays it.
/// </summary>
public sealed partial class CortexGrain
{
    private const string LocalTimesReminder = "local-times";
    private static readonly TimeSpan LocalTimesRetry = TimeSpan.FromMinutes(1);

    private Task? _localTimes;
    private LocalZonePassResult? _lastPass;
    private string? _lastPassError;

    public async Task LocalTimesChangedAsync()
    {
        await Pass.RequestAsync(this.GetPrimaryKeyString(), CancellationToken.None);
        await this.RegisterOrUpdateReminder(LocalTimesReminder, LocalTimesRetry, LocalTimesRetry);
        StartLocalTimes();
    }

    public async Task<LocalTimesStatus> GetLocalTimesStatusAsync()
    {
        var pending = await Pass.IsPendingAsync(this.GetPrimaryKeyString(), CancellationToken.None);
        var last = _lastPass;
        return new LocalTimesStatus(
            pending, _localTimes is { IsCompleted: false }, last?.MonthsSampled ?? 0, last?.Months ?? 0, last?.Samples ?? 0, last?.Spans ?? 0,
            last?.Elapsed.TotalSeconds ?? 0, _lastPassError);
    }

    private async Task LocalTimesReminderAsync()
    {
        if (_localTimes is { IsCompleted: false })
        {
            return;
        }

        if (await Pass.IsPendingAsync(this.GetPrimaryKeyString(), CancellationToken.None))
        {
            StartLocalTimes();
        }
        else if (await this.GetReminder(LocalTimesReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private LocalZonePass Pass => ServiceProvider.GetRequiredService<LocalZonePass>();

    private void StartLocalTimes()
    {
        if (_localTimes is { IsCompleted: false })
        {
            return;
        }

        var userId = this.GetPrimaryKeyString();
        var pass = Pass;
        var imports = ServiceProvider.GetRequiredService<ImportActivity>();
        var logger = ServiceProvider.GetRequiredService<ILogger<CortexGrain>>();
        // Off the grain's scheduler: the pass's minutes of SQL must not hold the grain's turns.
        _localTimes = Task.Run(async () =>
        {
            try
            {
                // Imports running in this silo go first; a request that arrived while the pass ran is served by running it again.
                do
                {
                    await imports.YieldToImportsAsync(CancellationToken.None);
                    _lastPass = await pass.RunAsync(userId, CancellationToken.None);
                    _lastPassError = null;
                    CortexLog.LocalTimesDone(logger, userId, _lastPass.Samples, _lastPass.Spans, (long)_lastPass.Elapsed.TotalMilliseconds);
                }
                while (await pass.IsPendingAsync(userId, CancellationToken.None));
            }
            catch (Exception exception)
            {
                // The reminder tries again; the checkpoint keeps the months done.
                _lastPassError = exception.Message;
                CortexLog.LocalTimesFailed(logger, exception, userId);
            }
        });
    }
}
