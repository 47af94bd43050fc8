namespace Datapunk.TestGrains;

/// <summary>One persisted text: written, read back by later activations, and cleared.</summary>
public sealed class NoteGrain([PersistentState("note", "store")] IPersistentState<NoteState> note, GrainProbe probe) : Grain, INoteGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task SaveAsync(string text)
    {
        note.State = note.State with { Text = text };
        await note.WriteStateAsync();
    }

    public Task<NoteSnapshot> GetAsync() => Task.FromResult(new NoteSnapshot(note.State.Text, note.RecordExists, note.Etag, _activationId));

    public Task ClearAsync() => note.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "deactivated", reason.ReasonCode.ToString(), _activationId.ToString());
        return Task.CompletedTask;
    }
}
