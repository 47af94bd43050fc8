using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Errors;

[Collection(ShortTimeoutSiloCollection.Name)]
public sealed class CallTimeoutTests(ShortTimeoutSiloFixture silo)
{
    private static readonly TimeSpan CallTimeout = ShortTimeoutSiloFixture.Timeout;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CallThatOutlivesTheCallTimeoutFailsWithGrainCallTimeoutException()
    {
        var key = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<ISlowGrain>(key);
        var elapsed = Stopwatch.StartNew();
        GrainCallTimeoutException timeout;
        try
        {
            timeout = await Should.ThrowAsync<GrainCallTimeoutException>(grain.WaitForGateAsync().Within("WaitForGateAsync"));
        }
        finally
        {
            silo.Probe.OpenGate(key.ToString());
        }

        timeout.ShouldBeOfType<GrainCallTimeoutException>("a call that merely ran too long is no deadlock");
        elapsed.Elapsed.ShouldBeGreaterThanOrEqualTo(CallTimeout * 0.9);
        elapsed.Elapsed.ShouldBeLessThan(CallTimeout * 5);
        timeout.Message.ShouldContain($"{typeof(ISlowGrain).FullName}/{key}");
        timeout.Message.ShouldContain($"{nameof(ISlowGrain)}.{nameof(ISlowGrain.WaitForGateAsync)}");
        await silo.Probe.WaitForAsync(key.ToString(), "released", 1);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CallQueuedBehindASlowCallTimesOutNamingTheCallAhead()
    {
        var key = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<ISlowGrain>(key);
        var slow = grain.WaitForGateAsync();
        GrainCallTimeoutException timeout;
        try
        {
            await silo.Probe.WaitForAsync(key.ToString(), "waiting", 1);
            timeout = await Should.ThrowAsync<GrainCallTimeoutException>(grain.PingAsync().Within("PingAsync"));
        }
        finally
        {
            silo.Probe.OpenGate(key.ToString());
        }

        timeout.Message.ShouldContain($"{nameof(ISlowGrain)}.{nameof(ISlowGrain.PingAsync)}");
        timeout.Message.ShouldContain($"queued behind {nameof(ISlowGrain.WaitForGateAsync)}");
        await Should.ThrowAsync<GrainCallTimeoutException>(slow.Within("the slow call"));
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task EveryCallQueuedBehindASlowCallTimesOutOnTime()
    {
        var key = Guid.NewGuid();
        var grain = silo.Grains.GetGrain<ISlowGrain>(key);
        var slow = grain.WaitForGateAsync();
        Task<Exception?>[] queued = [];
        var elapsed = Stopwatch.StartNew();
        try
        {
            await silo.Probe.WaitForAsync(key.ToString(), "waiting", 1);
            elapsed.Restart();
            queued = [.. Enumerable.Range(0, 3).Select(_ => CatchAsync(grain.PingAsync()))];
            await Task.WhenAll(queued).Within(
                $"three PingAsync calls queued behind a slow call to fail, each {CallTimeout.TotalSeconds} s after it was made",
                CallTimeout * 4);
        }
        finally
        {
            silo.Probe.OpenGate(key.ToString());
        }

        elapsed.Elapsed.ShouldBeLessThan(CallTimeout * 3);
        foreach (var failure in queued.Select(q => q.Result))
        {
            failure.ShouldBeOfType<GrainCallTimeoutException>();
        }

        await Should.ThrowAsync<GrainCallTimeoutException>(slow.Within("the slow call"));
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task CallToAGrainInterfaceThatNoClassImplementsSaysSoInsteadOfTimingOut()
    {
        var grain = silo.Grains.GetGrain<IUnimplementedGrain>(Guid.NewGuid());

        // This silo owns every partition, so no other silo can ever serve the call: waiting for an owner until the
        // deadline (SiloUnavailableException) only hides the cause.
        var failure = await Should.ThrowAsync<InvalidOperationException>(grain.GetAsync().Within("GetAsync"));

        failure.Message.ShouldContain(typeof(IUnimplementedGrain).FullName!);
    }

    private static async Task<Exception?> CatchAsync(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
