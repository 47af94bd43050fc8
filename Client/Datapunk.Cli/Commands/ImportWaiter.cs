using Datapunk.Cli.Output;
using Datapunk.Client;
using Datapunk.Grains;

namespace Datapunk.Cli.Commands;

/// <summary>
/// Follows an import until it finishes, drawing a progress line on stderr (rewritten in place on a
/// terminal, a line every few seconds otherwise) so stdout stays free for the result. Outages of
/// the gateway (a silo restarting; the import resumes elsewhere) are waited out for a while.
/// </summary>
public sealed class ImportWaiter(DatapunkGatewayClient client, TextWriter progressOutput, bool interactive)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long the gateway may be unreachable before the wait gives up.</summary>
    public static readonly TimeSpan OutageLimit = TimeSpan.FromMinutes(2);

    private int _drawnWidth;

    public async Task<ImportProgress> WaitAsync(ImportProgress started, CancellationToken cancellationToken)
    {
        var progress = started;
        TimeSpan? lastLogged = null;
        var lastStatus = started.Status;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var unreachableSince = (TimeSpan?)null;
        while (!progress.Status.IsFinished())
        {
            await Task.Delay(PollInterval, cancellationToken);
            try
            {
                progress = await client.GetImportAsync(started.ImportId, cancellationToken);
                unreachableSince = null;
            }
            catch (Exception exception) when (IsOutage(exception, cancellationToken))
            {
                unreachableSince ??= clock.Elapsed;
                if (clock.Elapsed - unreachableSince > OutageLimit)
                {
                    Clear();
                    throw;
                }

                continue;
            }

            if (interactive)
            {
                Draw(ImportProgressLine.Format(progress));
            }
            else if (lastLogged is null || clock.Elapsed - lastLogged >= LogInterval || progress.Status != lastStatus)
            {
                await progressOutput.WriteLineAsync(ImportProgressLine.Format(progress));
                lastLogged = clock.Elapsed;
                lastStatus = progress.Status;
            }
        }

        Clear();
        return progress;
    }

    private static bool IsOutage(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        || (exception is DatapunkApiException api && (int)api.StatusCode >= 500);

    private void Draw(string line)
    {
        progressOutput.Write("\r" + line.PadRight(_drawnWidth));
        _drawnWidth = line.Length;
        progressOutput.Flush();
    }

    private void Clear()
    {
        if (interactive && _drawnWidth > 0)
        {
            progressOutput.Write("\r" + new string(' ', _drawnWidth) + "\r");
            progressOutput.Flush();
            _drawnWidth = 0;
        }
    }
}
