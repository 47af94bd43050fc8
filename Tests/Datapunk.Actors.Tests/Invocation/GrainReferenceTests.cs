using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Invocation;

[Collection(SharedSiloCollection.Name)]
public sealed class GrainReferenceTests(SharedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task GrainReferencePassedAsAnArgumentIsCallable()
    {
        var source = silo.Grains.GetGrain<ICounterGrain>($"source-{Guid.NewGuid()}");
        var target = silo.Grains.GetGrain<ICounterGrain>($"target-{Guid.NewGuid()}");
        await source.AddAsync(3).Within("AddAsync on the source");
        await target.AddAsync(10).Within("AddAsync on the target");

        var total = await source.AddToAsync(target).Within("AddToAsync");

        total.ShouldBe(13);
        (await target.GetAsync().Within("GetAsync on the target")).ShouldBe(13);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task GrainReferenceArgumentCrossesTheWireFromAClusterClient()
    {
        await using var client = Clients.ConnectTo(silo);
        var source = client.GetGrain<ICounterGrain>($"source-{Guid.NewGuid()}");
        var target = client.GetGrain<ICounterGrain>($"target/with/slashes-{Guid.NewGuid()}");
        await source.AddAsync(4).Within("AddAsync on the source");

        var total = await source.AddToAsync(target).Within("AddToAsync through the client");

        total.ShouldBe(4);
        (await silo.Grains.GetGrain<ICounterGrain>(((GrainReference)target).GrainId.Key).GetAsync().Within("GetAsync in the silo"))
            .ShouldBe(4, "the reference read from the wire should address the same grain");
    }

    [Fact]
    public void ReferencesToTheSameGrainAreEqual()
    {
        var key = Guid.NewGuid().ToString();

        var first = silo.Grains.GetGrain<ICounterGrain>(key);
        var second = silo.Grains.GetGrain<ICounterGrain>(key);

        first.ShouldBe(second);
        ((GrainReference)first).GrainId.ShouldBe(new GrainId(typeof(ICounterGrain).FullName!, key));
    }
}
