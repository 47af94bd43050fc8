using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Persistence;

[Collection(SharedSiloCollection.Name)]
public sealed class PersistenceTests(SharedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task WrittenStateIsReadByTheNextActivation()
    {
        var key = $"note-{Guid.NewGuid()}";
        var note = silo.Grains.GetGrain<INoteGrain>(key);
        await note.SaveAsync("remember me").Within("SaveAsync");
        var before = await note.GetAsync().Within("GetAsync");

        await DeactivateAsync(note, key);
        var after = await note.GetAsync().Within("GetAsync on the new activation");

        after.ActivationId.ShouldNotBe(before.ActivationId, "the grain should have been activated anew");
        after.Text.ShouldBe("remember me");
        after.RecordExists.ShouldBeTrue();
        after.Etag.ShouldBe(before.Etag);
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task WriteOverAStateChangedByAnotherWriterFailsWithInconsistentStateException()
    {
        var key = $"counter-{Guid.NewGuid()}";
        var counter = silo.Grains.GetGrain<ICounterGrain>(key);
        (await counter.AddAsync(1).Within("AddAsync(1)")).ShouldBe(1);

        var updated = await RuntimeTables.Database.ExecuteAsync(
            """
            UPDATE actors.grain_state SET etag = etag + 100
            WHERE cluster_id = @cluster AND grain_type = @type AND grain_key = @key AND state_name = 'counter'
            """,
            new Dictionary<string, object> { ["cluster"] = silo.ClusterId, ["type"] = typeof(ICounterGrain).FullName!, ["key"] = key },
            TestContext.Current.CancellationToken);
        updated.ShouldBe(1, "the counter's state row should exist after its first write");

        var conflict = await Should.ThrowAsync<InconsistentStateException>(counter.AddAsync(2).Within("AddAsync(2)"));

        conflict.ShouldNotBeOfType<OwnershipLostException>("the silo still owns the grain; only the version moved on");
        conflict.Message.ShouldContain($"{typeof(ICounterGrain).FullName}/{key}");
        conflict.Message.ShouldContain("expected version 1");
        conflict.Message.ShouldContain("stored version 101");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task ClearedStateIsRemovedFromStorage()
    {
        var key = $"note-{Guid.NewGuid()}";
        var note = silo.Grains.GetGrain<INoteGrain>(key);
        await note.SaveAsync("short-lived").Within("SaveAsync");
        (await CountStateRowsAsync(key)).ShouldBe(1);

        await note.ClearAsync().Within("ClearAsync");
        var cleared = await note.GetAsync().Within("GetAsync after ClearAsync");
        (await CountStateRowsAsync(key)).ShouldBe(0, "ClearStateAsync should delete the stored record");
        await DeactivateAsync(note, key);
        var reactivated = await note.GetAsync().Within("GetAsync on the new activation");

        cleared.ShouldBe(cleared with { Text = null, RecordExists = false, Etag = null });
        reactivated.Text.ShouldBeNull();
        reactivated.RecordExists.ShouldBeFalse();
        await note.SaveAsync("written again").Within("SaveAsync after the clear");
        (await note.GetAsync().Within("GetAsync")).Text.ShouldBe("written again");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task GrainReferenceInPersistedStateWorksAfterReactivation()
    {
        var key = $"link-{Guid.NewGuid()}";
        var counterKey = $"tenant/ü/{Guid.NewGuid()}";
        var linked = silo.Grains.GetGrain<ILinkedCounterGrain>(key);
        var counter = silo.Grains.GetGrain<ICounterGrain>(counterKey);
        await linked.LinkAsync(counter).Within("LinkAsync");

        await linked.DeactivateAsync().Within("DeactivateAsync");
        await silo.Probe.WaitForAsync(key, "deactivated", 1);
        var total = await linked.AddThroughLinkAsync(5).Within("AddThroughLinkAsync on the new activation");

        total.ShouldBe(5);
        (await counter.GetAsync().Within("GetAsync on the counter")).ShouldBe(5);
        var restored = await linked.GetLinkAsync().Within("GetLinkAsync");
        restored.ShouldBe(counter, "the reference read back from storage should address the same counter");
    }

    private async Task DeactivateAsync(INoteGrain note, string key)
    {
        var deactivations = silo.Probe.EventsOf(key, "deactivated").Count;
        await note.DeactivateAsync().Within("DeactivateAsync");
        await silo.Probe.WaitForAsync(key, "deactivated", deactivations + 1);
    }

    private Task<long> CountStateRowsAsync(string key) => RuntimeTables.CountStateRowsAsync(
        silo.ClusterId, new GrainId(typeof(INoteGrain).FullName!, key), TestContext.Current.CancellationToken);
}
