using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Filters;

[Collection(FilteredSiloCollection.Name)]
public sealed class CallFilterTests(FilteredSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task IncomingFilterSeesTheGrainIdAndMethod()
    {
        var key = $"named-{Guid.NewGuid()}";
        var named = silo.Grains.GetGrain<INamedGrain>(key);

        await named.SetNameAsync("Grace").Within("SetNameAsync");

        var seen = silo.Incoming.Calls.Where(c => c.TargetId.Key == key).ShouldHaveSingleItem();
        seen.TargetId.ShouldBe(new GrainId(typeof(INamedGrain).FullName!, key));
        seen.MethodName.ShouldBe(nameof(INamedGrain.SetNameAsync));
        seen.InterfaceType.ShouldBe(typeof(INamedGrain));
        seen.GrainClass.ShouldBe(nameof(NamedGrain));
        seen.ImplementationMethod.ShouldBe(nameof(NamedGrain.SetNameAsync));
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task IncomingFilterCanRefuseACall()
    {
        var key = $"{RecordingIncomingFilter.ReadOnlyKeyPrefix}{Guid.NewGuid()}";
        var named = silo.Grains.GetGrain<INamedGrain>(key);

        var refused = await Should.ThrowAsync<UnauthorizedAccessException>(named.SetNameAsync("Mallory").Within("SetNameAsync"));

        refused.Message.ShouldBe($"Call filter refused {typeof(INamedGrain).FullName}/{key}.SetNameAsync: the grain is read-only.");
        (await named.GetNameAsync().Within("GetNameAsync")).ShouldBeNull("the refused call must not have reached the grain");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task OutgoingFilterSeesCallsMadeFromGrainCode()
    {
        var a = silo.Grains.GetGrain<IRelayGrain>($"a-{Guid.NewGuid()}");
        var b = silo.Grains.GetGrain<IRelayGrain>($"b-{Guid.NewGuid()}");
        var aId = ((GrainReference)a).GrainId;
        var bId = ((GrainReference)b).GrainId;

        await a.PingAsync(b, hops: 1).Within("a -> b");

        var fromTest = silo.Outgoing.Calls.Where(c => c.TargetId == aId).ShouldHaveSingleItem();
        fromTest.SourceId.ShouldBeNull("the test's call was made outside any grain");
        var fromGrain = silo.Outgoing.Calls.Where(c => c.TargetId == bId).ShouldHaveSingleItem();
        fromGrain.SourceId.ShouldBe(aId, "a's call to b was made by a's code");
        fromGrain.MethodName.ShouldBe(nameof(IRelayGrain.PingAsync));
    }
}
