namespace Datapunk.Grains;

/// <summary>Cortex for one user: a thin coordinator over the engines in Cortex/, always for its own user.</summary>
[GrainType("cortex")]
public sealed partial class CortexGrain : Grain, ICortexGrain, IPersonalDataGrain, IRemindable
{
    public string? OwnerUserId => this.GetPrimaryKeyString();

    /// <summary>Each part's reminder keeps its background work going after a silo is lost (CortexGrain.Places.cs, CortexGrain.Search.cs).</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case LocalTimesReminder:
                return LocalTimesReminderAsync();
            case EmbeddingReminder:
                EmbeddingReminderTick();
                return Task.CompletedTask;
            default:
                return Task.CompletedTask;
        }
    }
}
