namespace Datapunk.TestGrains;

/// <summary>Registers durable reminders and reports each delivery, with the silo it arrived on, to the probe.</summary>
public sealed class ReminderGrain(GrainProbe probe) : Grain, IReminderGrain, IRemindable
{
    public Task StartReminderAsync(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task StopReminderAsync(string name)
    {
        if (await GetReminder(name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }

        probe.Record(GetPrimaryKeyString(), "unregistered", name, RuntimeIdentity);
    }

    public async Task<bool> HasReminderAsync(string name) => await GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record(GetPrimaryKeyString(), "reminder", reminderName, RuntimeIdentity);
        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "activated", "", RuntimeIdentity);
        return Task.CompletedTask;
    }
}
