using Datapunk.Actors.Runtime;

namespace Datapunk.Actors;

/// <summary>
/// The base class of grain implementations. The runtime constructs one instance per activation
/// and runs its methods one turn at a time.
/// </summary>
public abstract class Grain
{
    private readonly ActivationData _activation;

    protected Grain()
    {
        _activation = ActivationData.UnderConstruction
            ?? throw new InvalidOperationException(
                $"{GetType().Name} was constructed outside the actor runtime; grains are created by the runtime when called.");
    }

    /// <summary>The id of this grain: its type name and key.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>Creates references to other grains.</summary>
    public IGrainFactory GrainFactory => _activation.Runtime;

    /// <summary>The silo this activation runs on.</summary>
    public string RuntimeIdentity => _activation.Runtime.SiloId;

    internal ActivationData Activation => _activation;

    public string GetPrimaryKeyString() => _activation.GrainId.Key;

    public Guid GetPrimaryKey() => Guid.Parse(_activation.GrainId.Key);

    public long GetPrimaryKeyLong() => long.Parse(_activation.GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs after the grain's persistent state is read and before its first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the activation is discarded; not called when the silo crashes or loses ownership.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() =>
        _activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Registers a timer whose callback runs as a turn of this activation until it is disposed or the grain deactivates.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(
        Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options) =>
        _activation.RegisterTimer(cancellationToken => callback(state, cancellationToken), options);

    /// <summary>Registers a timer whose callback runs as a turn of this activation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        _activation.RegisterTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers or changes a durable reminder; it survives deactivation and silo restarts.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        _activation.Runtime.Reminders.RegisterOrUpdateAsync(_activation, reminderName, dueTime, period);

    /// <summary>Removes a durable reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder) =>
        _activation.Runtime.Reminders.UnregisterAsync(_activation, reminder.ReminderName);

    /// <summary>The reminder registered under this name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) =>
        _activation.Runtime.Reminders.GetAsync(_activation, reminderName);
}
