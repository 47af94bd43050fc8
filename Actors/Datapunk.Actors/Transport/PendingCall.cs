using System.Buffers;

namespace Datapunk.Actors.Transport;

/// <summary>A request sent on a connection, waiting for its response frame.</summary>
internal abstract class PendingCall(GrainId target, string methodName, long deadlineTimestamp)
{
    public GrainId Target { get; } = target;

    public string MethodName { get; } = methodName;

    public long DeadlineTimestamp { get; } = deadlineTimestamp;

    /// <summary>Reads the result from the response body (on the connection's reader loop).</summary>
    public abstract void Resolve(ReadOnlySequence<byte> json, JsonSerializerOptions options);

    public abstract void ResolveMoved(string? ownerHint);

    public abstract void Fail(Exception exception);
}

internal sealed class PendingCall<T>(GrainId target, string methodName, long deadlineTimestamp)
    : PendingCall(target, methodName, deadlineTimestamp)
{
    // Continuations run off the reader loop so one slow caller cannot stall the connection.
    private readonly TaskCompletionSource<RemoteOutcome<T>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<RemoteOutcome<T>> Task => _completion.Task;

    public override void Resolve(ReadOnlySequence<byte> json, JsonSerializerOptions options)
    {
        T value;
        try
        {
            var reader = new Utf8JsonReader(json);
            value = JsonSerializer.Deserialize<T>(ref reader, options)!;
        }
        catch (JsonException exception)
        {
            _completion.TrySetException(new InvalidDataException($"The result of {Target}.{MethodName} could not be read as {typeof(T).Name}: {exception.Message}", exception));
            return;
        }

        _completion.TrySetResult(RemoteOutcome<T>.Completed(value));
    }

    public override void ResolveMoved(string? ownerHint) => _completion.TrySetResult(RemoteOutcome<T>.MovedTo(ownerHint));

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
