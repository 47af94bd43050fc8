using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Datapunk.Actors.Runtime;

namespace Datapunk.Actors.Transport;

/// <summary>
/// One TCP connection carrying framed requests and responses in both directions. A writer loop
/// drains the send queue into one buffer and one socket write per batch, so many concurrent calls
/// share few system calls; a reader loop parses frames from a pipe.
/// </summary>
internal sealed class SiloConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly JsonSerializerOptions _jsonOptions;
    private readonly IIncomingRequestHandler? _requestHandler;
    private readonly Channel<OutgoingFrame> _sendQueue = Channel.CreateUnbounded<OutgoingFrame>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly string _expectedClusterId;
    private long _nextCallId;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private int _closed;

    public SiloConnection(Socket socket, string remoteAddress, string clusterId, JsonSerializerOptions jsonOptions, IIncomingRequestHandler? requestHandler)
    {
        socket.NoDelay = true;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        RemoteAddress = remoteAddress;
        _expectedClusterId = clusterId;
        _jsonOptions = jsonOptions;
        _requestHandler = requestHandler;
    }

    public string RemoteAddress { get; }

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>Completes when the connection closed, with the reason if it failed.</summary>
    public Task Completion => Task.WhenAll(_readLoop, _writeLoop);

    public void Start()
    {
        Send(new HelloFrame(_expectedClusterId));
        _writeLoop = Task.Run(WriteLoopAsync);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public Task<RemoteOutcome<T>> SendRequest<T>(GrainId target, GrainRequest<T> request, CallChain? chain, long deadline)
    {
        var callId = Interlocked.Increment(ref _nextCallId);
        var pending = new PendingCall<T>(target, request.Method.Name, deadline);
        _pending[callId] = pending;
        var timeout = (int)Math.Clamp(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline).TotalMilliseconds, 1, int.MaxValue);
        Send(new RequestFrame(callId, target, request, chain, timeout, Activity.Current?.Id));
        if (IsClosed && _pending.TryRemove(callId, out _))
        {
            pending.Fail(new SiloUnavailableException($"The connection to {RemoteAddress} closed before the call to {target}.{request.Method.Name} was sent."));
        }

        return pending.Task;
    }

    public void Send(OutgoingFrame frame) => _sendQueue.Writer.TryWrite(frame);

    /// <summary>Fails calls whose deadline passed (called by the connection manager's sweeper).</summary>
    public void ExpireCalls(long now, Func<PendingCall, Exception> timeout)
    {
        foreach (var (callId, pending) in _pending)
        {
            if (now > pending.DeadlineTimestamp && _pending.TryRemove(callId, out _))
            {
                pending.Fail(timeout(pending));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close(null);
        try
        {
            await Completion;
        }
        catch (Exception)
        {
            // Closing reports failures to the pending calls; nothing more to do here.
        }
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new FrameBuffer();
        await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        var reader = _sendQueue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token))
            {
                while (reader.TryRead(out var frame))
                {
                    frame.Encode(buffer, json, _jsonOptions);
                    if (buffer.Length > 256 * 1024)
                    {
                        await FlushAsync(buffer);
                    }
                }

                await FlushAsync(buffer);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            Close(exception);
        }
    }

    private async Task FlushAsync(FrameBuffer buffer)
    {
        if (buffer.Length > 0)
        {
            await _stream.WriteAsync(buffer.WrittenMemory, _closing.Token);
            buffer.Reset();
        }
    }

    private async Task ReadLoopAsync()
    {
        var pipe = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        Exception? failure = null;
        try
        {
            var greeted = false;
            while (true)
            {
                var result = await pipe.ReadAsync(_closing.Token);
                var buffer = result.Buffer;
                while (TryReadFrame(ref buffer, out var frame))
                {
                    greeted = HandleFrame(frame, greeted);
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            await pipe.CompleteAsync();
            Close(failure);
        }
    }

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadLittleEndian(out int length) || reader.Remaining < length)
        {
            frame = default;
            return false;
        }

        if (length <= 0 || length > 64 * 1024 * 1024)
        {
            throw new InvalidDataException($"A transport frame declared an invalid length of {length} bytes.");
        }

        frame = buffer.Slice(4, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    private bool HandleFrame(ReadOnlySequence<byte> frame, bool greeted)
    {
        var reader = new FrameReader(frame);
        var kind = reader.ReadByte();
        if (!greeted)
        {
            var clusterId = kind == FrameKind.Hello ? reader.ReadString() : null;
            if (clusterId != _expectedClusterId)
            {
                throw new InvalidDataException($"{RemoteAddress} is not a member of cluster '{_expectedClusterId}' (it said '{clusterId}').");
            }

            return true;
        }

        switch (kind)
        {
            case FrameKind.Request when _requestHandler is not null:
                _requestHandler.Handle(ref reader, this);
                break;
            case FrameKind.Response:
                HandleResponse(ref reader);
                break;
            default:
                throw new InvalidDataException($"Unexpected frame kind {kind} from {RemoteAddress}.");
        }

        return true;
    }

    private void HandleResponse(ref FrameReader reader)
    {
        var callId = reader.ReadInt64();
        var status = reader.ReadByte();
        if (!_pending.TryRemove(callId, out var pending))
        {
            return; // It timed out already.
        }

        switch (status)
        {
            case ResponseStatus.Ok:
                pending.Resolve(reader.Remaining, _jsonOptions);
                break;
            case ResponseStatus.Moved:
                pending.ResolveMoved(reader.ReadString());
                break;
            default:
                var typeName = reader.ReadString() ?? nameof(Exception);
                var message = reader.ReadString() ?? "";
                pending.Fail(RemoteExceptions.Recreate(typeName, message, reader.ReadString()));
                break;
        }
    }

    private void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        _sendQueue.Writer.TryComplete();
        _closing.Cancel();
        _socket.Dispose();
        foreach (var callId in _pending.Keys)
        {
            if (_pending.TryRemove(callId, out var pending))
            {
                pending.Fail(new SiloUnavailableException(
                    $"The connection to {RemoteAddress} was lost while calling {pending.Target}.{pending.MethodName}; the call may or may not have run." +
                    (reason is null ? "" : $" ({reason.Message})")));
            }
        }
    }
}

/// <summary>Handles request frames arriving on a connection (a silo's runtime).</summary>
internal interface IIncomingRequestHandler
{
    void Handle(ref FrameReader reader, SiloConnection connection);
}
