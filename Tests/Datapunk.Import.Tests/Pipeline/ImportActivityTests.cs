using Datapunk.Lake.Pipeline;

namespace Datapunk.Import.Tests.Pipeline;

/// <summary>The gate background derivations wait at while imports run in their process (<see cref="ImportActivity"/>).</summary>
public sealed class ImportActivityTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static ImportPipelineOptions NoQuietPeriod => new() { BackgroundQuietPeriod = TimeSpan.Zero };

    [Fact]
    public async Task Nothing_waits_while_no_import_runs()
    {
        var activity = new ImportActivity(NoQuietPeriod);

        (await activity.YieldToImportsAsync(Cancellation)).ShouldBe(TimeSpan.Zero);
        using (activity.Enter())
        {
        }

        (await activity.YieldToImportsAsync(Cancellation)).ShouldBe(TimeSpan.Zero, "the import that ran has ended");
        activity.Running.ShouldBe(0);
    }

    [Fact]
    public async Task After_an_import_ends_a_derivation_waits_the_quiet_period_and_a_next_import_in_it_holds_it_again()
    {
        var activity = new ImportActivity(new ImportPipelineOptions { BackgroundQuietPeriod = TimeSpan.FromMilliseconds(600) });
        activity.Enter().Dispose();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var waiting = activity.YieldToImportsAsync(Cancellation);

        await Task.Delay(300, Cancellation);
        waiting.IsCompleted.ShouldBeFalse("an import ended 300 ms ago: the next of a series may come");
        var next = activity.Enter();
        await Task.Delay(600, Cancellation);
        waiting.IsCompleted.ShouldBeFalse("the next import of the series runs");
        next.Dispose();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1_450), "900 ms of imports and 600 ms of quiet after the last");
    }

    [Fact]
    public async Task A_derivation_waits_until_the_last_of_two_imports_ends()
    {
        var activity = new ImportActivity(NoQuietPeriod);
        var first = activity.Enter();
        var second = activity.Enter();
        var waiting = activity.YieldToImportsAsync(Cancellation);

        first.Dispose();
        first.Dispose();
        await Task.Delay(200, Cancellation);
        waiting.IsCompleted.ShouldBeFalse("one import still runs (and disposing a lease twice counts once)");
        activity.Running.ShouldBe(1);

        second.Dispose();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(10), Cancellation)).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(150));
        activity.Running.ShouldBe(0);
    }

    [Fact]
    public async Task A_derivation_runs_beside_imports_after_the_yield_limit_and_a_cancelled_wait_ends_at_once()
    {
        var activity = new ImportActivity(new ImportPipelineOptions { BackgroundYieldLimit = TimeSpan.FromMilliseconds(300), BackgroundQuietPeriod = TimeSpan.Zero });
        using var import = activity.Enter();

        var waited = await activity.YieldToImportsAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        waited.ShouldBeInRange(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var patient = new ImportActivity(new ImportPipelineOptions { BackgroundYieldLimit = TimeSpan.FromHours(1) });
        using var running = patient.Enter();
        await Should.ThrowAsync<OperationCanceledException>(() => patient.YieldToImportsAsync(cancel.Token));
    }
}
