namespace Datapunk.TestGrains;

/// <summary>A grain that registers durable reminders and reports every delivery to the test probe.</summary>
public interface IReminderGrain : IGrainWithGuidKey
{
    /// <summary>Registers or updates the reminder <paramref name="name"/>.</summary>
    Task StartReminderAsync(string name, TimeSpan dueTime, TimeSpan period);

    /// <summary>Unregisters the reminder <paramref name="name"/> if it exists.</summary>
    Task StopReminderAsync(string name);

    /// <summary>Returns whether the reminder <paramref name="name"/> is registered.</summary>
    Task<bool> HasReminderAsync(string name);
}
