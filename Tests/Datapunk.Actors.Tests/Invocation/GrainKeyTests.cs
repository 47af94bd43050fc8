using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Invocation;

[Collection(SharedSiloCollection.Name)]
public sealed class GrainKeyTests(SharedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task GuidKeyedGrainSeesItsKeyThroughGetPrimaryKey()
    {
        var key = Guid.NewGuid();

        var reply = await silo.Grains.GetGrain<IEchoGrain>(key)
            .EchoAsync(new EchoMessage("ab", 2, DateTimeOffset.UnixEpoch), ["t"]).Within("EchoAsync");

        reply.EchoedBy.ShouldBe(key);
    }

    [Theory(Timeout = Deadlines.TestMilliseconds)]
    [InlineData(0L)]
    [InlineData(-42L)]
    [InlineData(long.MaxValue)]
    public async Task IntegerKeyedGrainSeesItsKeyThroughGetPrimaryKeyLong(long key)
    {
        // The cluster id is fresh per fixture, so fixed integer keys still address fresh grains.
        var grain = silo.Grains.GetGrain<IIntegerKeyGrain>(key);

        (await grain.GetKeyAsync().Within("GetKeyAsync")).ShouldBe(key);
        (await grain.GetKeyTextAsync().Within("GetKeyTextAsync")).ShouldBe(key.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task StringKeyedGrainSeesItsKeyThroughGetPrimaryKeyString()
    {
        var key = $"user/Zoë #{Guid.NewGuid()}";

        var description = await silo.Grains.GetGrain<INamedGrain>(key).DescribeAsync().Within("DescribeAsync");

        description.ShouldBe($"{key}: (unnamed)");
    }
}
