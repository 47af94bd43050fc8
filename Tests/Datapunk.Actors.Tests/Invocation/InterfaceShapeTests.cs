using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Invocation;

[Collection(SharedSiloCollection.Name)]
public sealed class InterfaceShapeTests(SharedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ValueTaskMethodsReturnTheirResults()
    {
        await VerifySequenceAsync(silo.Grains);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ValueTaskMethodsReturnTheirResultsThroughAClusterClient()
    {
        await using var client = Clients.ConnectTo(silo);
        await VerifySequenceAsync(client);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task InheritedInterfaceMethodsReachTheGrain()
    {
        var key = $"named-{Guid.NewGuid()}";
        var named = silo.Grains.GetGrain<INamedGrain>(key);

        (await named.GetNameAsync().Within("GetNameAsync")).ShouldBeNull();
        await named.SetNameAsync("Ada").Within("SetNameAsync");
        IBaseGrain asBase = named;

        (await named.GetNameAsync().Within("GetNameAsync")).ShouldBe("Ada");
        (await asBase.DescribeAsync().Within("DescribeAsync through IBaseGrain")).ShouldBe($"{key}: Ada");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task OverloadsRecordsArraysAndNullsRoundTripThroughAClusterClient()
    {
        await using var client = Clients.ConnectTo(silo);
        var key = Guid.NewGuid();
        var echo = client.GetGrain<IEchoGrain>(key);
        var at = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));

        (await echo.EchoAsync("plain").Within("EchoAsync(string)")).ShouldBe("plain");
        var reply = await echo.EchoAsync(new EchoMessage("ab", 3, at), ["x", "y"]).Within("EchoAsync(EchoMessage, tags)");
        (await echo.EchoNullableAsync(null).Within("EchoNullableAsync(null)")).ShouldBeNull();
        var joined = await echo.JoinAsync("|", 7, key, at, ["p", "q"]).Within("JoinAsync");

        reply.ShouldBe(new EchoReply("ababab", key, ["x", "y"]), new EchoReplyComparer());
        joined.ShouldBe($"7|{key}|2024-05-06T07:08:09.0000000+02:00|p|q");
    }

    private static async Task VerifySequenceAsync(IGrainFactory grains)
    {
        var sequence = grains.GetGrain<ISequenceGrain>(Random.Shared.NextInt64(1, long.MaxValue));

        (await sequence.NextAsync().Within("NextAsync")).ShouldBe(1);
        (await sequence.NextAsync().Within("NextAsync")).ShouldBe(2);
        (await sequence.ReserveAsync(10).Within("ReserveAsync")).ShouldBe(new SequenceRange(3, 10));
        (await sequence.NextAsync().Within("NextAsync")).ShouldBe(13);
        await sequence.RestartAtAsync(100).Within("RestartAtAsync");
        (await sequence.NextAsync().Within("NextAsync")).ShouldBe(100);
    }
}
