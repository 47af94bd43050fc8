namespace Datapunk.Actors.Runtime;

/// <summary>
/// Routes every continuation of grain code back into its activation's queue, so an activation's
/// code never runs on two threads at once, even when a reentrant grain interleaves requests.
/// </summary>
internal sealed class ActivationSynchronizationContext(ActivationData activation) : SynchronizationContext
{
    public ActivationData Activation { get; } = activation;

    public override void Post(SendOrPostCallback callback, object? state) => Activation.Post(callback, state);

    public override void Send(SendOrPostCallback callback, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own activation.");

    public override SynchronizationContext CreateCopy() => this;
}
