namespace Datapunk.Actors.Invocation;

/// <summary>
/// One call to one grain method with its arguments. The generator emits a sealed subclass per
/// interface method; the runtime queues it on the target activation or serializes it for a remote silo.
/// </summary>
public abstract class GrainRequest
{
    public abstract GrainMethod Method { get; }

    /// <summary>Writes each argument as one JSON value, in declaration order.</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>; the reader stands on the array start.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Invokes the method on the grain and reports its outcome to <paramref name="sink"/>.</summary>
    internal abstract ValueTask InvokeIntoAsync(object grain, IResponseSink sink);

    /// <summary>Routes a call again after the activation it was queued on went away.</summary>
    internal abstract Task RedispatchAsync(Runtime.GrainRuntime runtime, Runtime.IncomingCall call);
}

/// <summary>A request whose method completes with <typeparamref name="TResult"/> (<see cref="Void"/> for plain tasks).</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    internal override Task RedispatchAsync(Runtime.GrainRuntime runtime, Runtime.IncomingCall call) =>
        runtime.RerouteAsync(this, call);

    /// <summary>Calls the method on the grain instance.</summary>
    public abstract ValueTask<TResult> InvokeAsync(object grain);

    internal override ValueTask InvokeIntoAsync(object grain, IResponseSink sink)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = InvokeAsync(grain);
        }
        catch (Exception exception)
        {
            sink.Fail(exception);
            return default;
        }

        if (pending.IsCompletedSuccessfully)
        {
            sink.Complete(pending.Result);
            return default;
        }

        return AwaitAsync(pending, sink);
    }

    private static async ValueTask AwaitAsync(ValueTask<TResult> pending, IResponseSink sink)
    {
        TResult result;
        try
        {
            result = await pending;
        }
        catch (Exception exception)
        {
            sink.Fail(exception);
            return;
        }

        sink.Complete(result);
    }
}
