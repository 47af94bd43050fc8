using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Datapunk.TestGrains;

/// <summary>A persisted counter: every acknowledged addition is in the database before the caller hears of it.</summary>
[GrainType("test-counter")]
public sealed partial class CounterGrain(
    [PersistentState(CounterState.Name, TestStorage.Name)] IPersistentState<CounterState> counter, ILocalSiloDetails silo, ILogger<CounterGrain> logger)
    : Grain, ICounterGrain
{
    private IGrainTimer? _pending;

    public async Task<int> AddAsync(int amount)
    {
        counter.State.Total += amount;
        await counter.WriteStateAsync();
        return counter.State.Total;
    }

    public Task<int> GetAsync() => Task.FromResult(counter.State.Total);

    public Task<string> GetSiloAsync() => Task.FromResult(silo.SiloAddress.ToParsableString());

    public Task AddLaterAsync(int amount, TimeSpan delay)
    {
        _pending?.Dispose();
        _pending = this.RegisterGrainTimer(WriteLaterAsync, amount, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private async Task WriteLaterAsync(int amount, CancellationToken cancellationToken)
    {
        counter.State.Total += amount;
        try
        {
            await counter.WriteStateAsync(cancellationToken);
            Log.Accepted(logger, this.GetPrimaryKeyString(), counter.State.Total);
        }
        catch (InconsistentStateException exception)
        {
            // Another activation wrote first: this one's state is stale, so it must not live on.
            Log.Rejected(logger, this.GetPrimaryKeyString(), counter.State.Total, exception.Message);
            DeactivateOnIdle();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "counter write accepted: {Key} = {Total}")]
        public static partial void Accepted(ILogger logger, string key, int total);

        [LoggerMessage(Level = LogLevel.Warning, Message = "counter write rejected: {Key} = {Total}: {Reason}")]
        public static partial void Rejected(ILogger logger, string key, int total, string reason);
    }
}
