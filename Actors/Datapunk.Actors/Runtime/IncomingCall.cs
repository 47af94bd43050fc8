namespace Datapunk.Actors.Runtime;

/// <summary>A call waiting for or running on an activation, with where its outcome goes.</summary>
internal abstract class IncomingCall : IResponseSink
{
    protected IncomingCall(GrainId target, GrainRequest request, CallChain? chain, long deadlineTimestamp)
    {
        Target = target;
        Request = request;
        Chain = chain;
        DeadlineTimestamp = deadlineTimestamp;
        ArrivedTimestamp = Stopwatch.GetTimestamp();
    }

    public GrainId Target { get; }

    public GrainRequest Request { get; }

    public CallChain? Chain { get; }

    /// <summary><see cref="Stopwatch"/> timestamp after which the caller no longer waits.</summary>
    public long DeadlineTimestamp { get; }

    public long ArrivedTimestamp { get; }

    private CallChain? _outgoingChain;

    /// <summary>Set by the activation: whether this call may interleave with other turns.</summary>
    public bool Interleaves { get; set; }

    public Activity? Activity { get; set; }

    public bool IsExpired(long now) => now > DeadlineTimestamp;

    /// <summary>
    /// Called when the activation this call was queued on went away before running it. A call from
    /// another process is answered "moved" so its sender routes it; a local one is routed here.
    /// </summary>
    public virtual bool TryReplyMoved(string? ownerHint) => false;

    /// <summary>The caller's span, so the call's span becomes its child.</summary>
    public virtual ActivityContext ParentActivity => default;

    /// <summary>The chain that calls made by this request carry: its own chain plus its target (built on first use).</summary>
    public CallChain OutgoingChain => _outgoingChain ??= CallChain.Extend(Chain, Target);

    /// <summary>True once the call ended with an exception (for failure metrics).</summary>
    public bool Failed { get; private set; }

    /// <summary>The activation running this call, once it started.</summary>
    public ActivationData? Activation { get; set; }

    /// <summary>
    /// Delivers the result, unless the activation lost its grain while the call ran: a result computed by
    /// an activation that another silo may already have replaced must not be acknowledged.
    /// </summary>
    public void Complete<TResult>(TResult result)
    {
        if (Activation is { MayAct: false } activation)
        {
            Fail(new OwnershipLostException(
                $"{Target}.{Request.Method.Name} finished on silo {activation.Runtime.SiloId} after it lost the grain's partition " +
                $"{activation.Partition} (epoch {activation.Epoch}); its result is discarded."));
            return;
        }

        CompleteCore(result);
    }

    public void Fail(Exception exception)
    {
        Failed = true;
        FailCore(exception);
    }

    protected abstract void CompleteCore<TResult>(TResult result);

    protected abstract void FailCore(Exception exception);
}

/// <summary>A call from code in this process: completes the caller's task directly, no serialization.</summary>
internal sealed class LocalCall<T> : IncomingCall
{
    private readonly TaskCompletionSource<T> _completion = new();

    public LocalCall(GrainId target, GrainRequest<T> request, CallChain? chain, long deadlineTimestamp)
        : base(target, request, chain, deadlineTimestamp)
    {
    }

    public Task<T> Task => _completion.Task;

    /// <summary>The caller's activity when tracing is on; a reference, so calls without tracing carry 8 bytes, not a context.</summary>
    public Activity? Parent { get; init; }

    public override ActivityContext ParentActivity => Parent?.Context ?? default;

    protected override void CompleteCore<TResult>(TResult result)
    {
        // The caller's continuation may run inline here; it must not inherit the activation's context.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        _completion.TrySetResult(System.Runtime.CompilerServices.Unsafe.As<TResult, T>(ref result));
        SynchronizationContext.SetSynchronizationContext(context);
    }

    protected override void FailCore(Exception exception)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        _completion.TrySetException(exception);
        SynchronizationContext.SetSynchronizationContext(context);
    }
}
