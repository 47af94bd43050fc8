using Datapunk.Actors.Generator.Tests.Infrastructure;
using Datapunk.Actors.Generator.Tests.RoundTrip.Fakes;
using Datapunk.TestGrains;

namespace Datapunk.Actors.Generator.Tests.RoundTrip;

/// <summary>Calls through the generated proxies of Datapunk.TestGrains, across JSON, into fake grains.</summary>
public sealed class RoundTripTests
{
    private readonly LoopbackCluster _cluster = new();

    [Fact]
    public void EveryTestGrainInterfaceRegistersADescriptor()
    {
        Type[] expected =
        [
            typeof(ICounterGrain), typeof(IEchoGrain), typeof(ISequenceGrain),
            typeof(IBaseGrain), typeof(INamedGrain), typeof(IInterleavingGrain),
        ];

        foreach (var grainInterface in expected)
        {
            LoopbackCluster.DescriptorOf(grainInterface).InterfaceType.ShouldBe(grainInterface);
        }
    }

    [Fact]
    public void DescriptorRebuildsRequestsFromKnownIdsOnly()
    {
        var descriptor = LoopbackCluster.DescriptorOf(typeof(ICounterGrain));

        var request = descriptor.CreateRequest(MethodIds.Of("Datapunk.TestGrains.ICounterGrain.AddAsync(int)"));

        request.ShouldNotBeNull("AddAsync(int) should be known by its documented id");
        request.Method.ShouldBe(new GrainMethod(typeof(ICounterGrain), "AddAsync", 3455086194u, AlwaysInterleave: false));
        descriptor.CreateRequest(12345u).ShouldBeNull();
    }

    [Fact]
    public async Task CounterTaskShapesRoundTrip()
    {
        var counter = _cluster.Add<ICounterGrain>("a", new FakeCounterGrain());

        (await counter.AddAsync(5)).ShouldBe(5);
        (await counter.AddAsync(2)).ShouldBe(7);
        (await counter.GetAsync()).ShouldBe(7);
        await counter.ResetAsync();
        (await counter.GetAsync()).ShouldBe(0);

        _cluster.Received.Select(r => r.Method.Name).ShouldBe(["AddAsync", "AddAsync", "GetAsync", "ResetAsync", "GetAsync"]);
        counter.ShouldBeAssignableTo<GrainReference>()!.GrainId.ShouldBe(new GrainId("Datapunk.TestGrains.ICounterGrain", "a"));
    }

    [Fact]
    public async Task GrainReferenceArgumentArrivesAsAWorkingProxy()
    {
        var source = _cluster.Add<ICounterGrain>("source", new FakeCounterGrain());
        var target = _cluster.Add<ICounterGrain>("target", new FakeCounterGrain());
        await source.AddAsync(3);
        await target.AddAsync(10);

        (await source.AddToAsync(target)).ShouldBe(13);
        (await target.GetAsync()).ShouldBe(13);
    }

    [Fact]
    public async Task EchoRecordsListsNullsAndSeveralArgumentsRoundTrip()
    {
        var id = Guid.NewGuid();
        var echo = _cluster.Add<IEchoGrain>(GrainId.KeyOf(id), new FakeEchoGrain(id));
        var sentAt = new DateTimeOffset(2024, 5, 17, 8, 30, 0, TimeSpan.FromHours(2));

        (await echo.EchoAsync("hello")).ShouldBe("hello");
        var reply = await echo.EchoAsync(new EchoMessage("ab", 3, sentAt), ["x", "y"]);
        reply.Text.ShouldBe("ababab");
        reply.EchoedBy.ShouldBe(id);
        reply.Tags.ShouldBe(["x", "y"]);
        (await echo.EchoNullableAsync(null)).ShouldBeNull();
        (await echo.EchoNullableAsync("kept")).ShouldBe("kept");
        (await echo.JoinAsync("|", 42, id, sentAt, ["a", "b"])).ShouldBe($"42|{id:D}|2024-05-17T08:30:00.0000000+02:00|a|b");
    }

    [Fact]
    public async Task OverloadsReachTheirOwnMethod()
    {
        var id = Guid.NewGuid();
        var echo = _cluster.Add<IEchoGrain>(GrainId.KeyOf(id), new FakeEchoGrain(id));

        await echo.EchoAsync("plain");
        await echo.EchoAsync(new EchoMessage("m", 1, DateTimeOffset.UnixEpoch), []);

        var ids = _cluster.Received.Select(r => r.Method.Id).ToList();
        ids.ShouldBe(
        [
            MethodIds.Of("Datapunk.TestGrains.IEchoGrain.EchoAsync(string)"),
            MethodIds.Of("Datapunk.TestGrains.IEchoGrain.EchoAsync(Datapunk.TestGrains.EchoMessage,System.Collections.Generic.IReadOnlyList<string>)"),
        ]);
    }

    [Fact]
    public async Task ExceptionsFromTheGrainReachTheCaller()
    {
        var id = Guid.NewGuid();
        var echo = _cluster.Add<IEchoGrain>(GrainId.KeyOf(id), new FakeEchoGrain(id));

        var exception = await Should.ThrowAsync<InvalidOperationException>(() => echo.ThrowAsync("boom"));

        exception.Message.ShouldBe("boom");
    }

    [Fact]
    public async Task SequenceValueTaskShapesRoundTrip()
    {
        var sequence = _cluster.Add<ISequenceGrain>(GrainId.KeyOf(7L), new FakeSequenceGrain());

        (await sequence.NextAsync()).ShouldBe(1L);
        (await sequence.ReserveAsync(5)).ShouldBe(new SequenceRange(2, 5));
        await sequence.RestartAtAsync(100);
        (await sequence.NextAsync()).ShouldBe(100L);
    }

    [Fact]
    public async Task InheritedMethodsAreCalledThroughTheDerivedProxy()
    {
        var named = _cluster.Add<INamedGrain>("n", new FakeNamedGrain());

        (await named.GetNameAsync()).ShouldBeNull();
        await named.SetNameAsync("Rex");
        (await named.GetNameAsync()).ShouldBe("Rex");
        (await named.DescribeAsync()).ShouldBe("named grain 'Rex'");

        var describe = _cluster.Received[^1].Method;
        describe.InterfaceType.ShouldBe(typeof(IBaseGrain));
        describe.Id.ShouldBe(MethodIds.Of("Datapunk.TestGrains.IBaseGrain.DescribeAsync()"));
        LoopbackCluster.DescriptorOf(typeof(IBaseGrain)).CreateRequest(describe.Id)!.Method.ShouldBe(describe);
    }

    [Fact]
    public async Task AlwaysInterleaveReachesTheMethodInfoAndTheCallInterleaves()
    {
        var grain = _cluster.Add<IInterleavingGrain>("i", new FakeInterleavingGrain());

        var hold = grain.HoldAsync();
        (await grain.IsHoldingAsync()).ShouldBeTrue();
        await grain.ReleaseAsync();
        (await hold).ShouldBe(1);

        _cluster.Received.ToDictionary(r => r.Method.Name, r => r.Method.AlwaysInterleave).ShouldBe(new Dictionary<string, bool>
        {
            ["HoldAsync"] = false,
            ["IsHoldingAsync"] = true,
            ["ReleaseAsync"] = false,
        });
    }
}
