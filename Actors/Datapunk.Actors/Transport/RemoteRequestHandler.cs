using Datapunk.Actors.Runtime;

namespace Datapunk.Actors.Transport;

/// <summary>Turns request frames into calls on this silo's activations, or "moved" answers.</summary>
internal sealed class RemoteRequestHandler(GrainRuntime runtime) : IIncomingRequestHandler
{
    public void Handle(ref FrameReader reader, SiloConnection connection)
    {
        var callId = reader.ReadInt64();
        try
        {
            var timeout = reader.ReadInt32();
            var target = new GrainId(reader.ReadString()!, reader.ReadString()!);
            var methodId = reader.ReadUInt32();
            var chainLength = reader.ReadInt32();
            var links = new GrainId[chainLength];
            for (var i = 0; i < chainLength; i++)
            {
                links[i] = new GrainId(reader.ReadString()!, reader.ReadString()!);
            }

            var traceParent = reader.ReadString();
            if (target.Type == RoutingTableRequest.TargetType)
            {
                connection.Send(new ResultFrame<string?[]>(callId, runtime.Ownership.GetRoutingTable()));
                return;
            }

            if (!runtime.Registry.TryGetDescriptor(target.Type, out var descriptor))
            {
                throw new InvalidOperationException($"Silo {runtime.SiloId} knows no grain interface named {target.Type}.");
            }

            var request = descriptor.CreateRequest(methodId)
                ?? throw new InvalidOperationException($"Grain interface {target.Type} has no method with id {methodId:x8}; are both sides running the same version?");
            var json = new Utf8JsonReader(reader.Remaining);
            if (!json.Read() || json.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException($"The arguments of {target}.{request.Method.Name} are not a JSON array.");
            }

            request.ReadArguments(ref json, runtime.JsonOptions);
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout / 1000.0 * Stopwatch.Frequency);
            var call = new RemoteCall(target, request, CallChain.FromList(links), deadline, connection, callId)
            {
                Parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent) ? parent : default,
            };
            if (!runtime.TryDispatchRemote(target, call))
            {
                var partition = Cluster.PartitionHasher.PartitionOf(target, runtime.Ownership.PartitionCount);
                connection.Send(new MovedFrame(callId, runtime.Ownership.GetOwnerAddress(partition)));
            }
        }
        catch (Exception exception)
        {
            connection.Send(new ErrorFrame(callId, exception));
        }
    }
}

/// <summary>A call that arrived over the wire; its outcome is queued as a response frame.</summary>
internal sealed class RemoteCall(GrainId target, GrainRequest request, CallChain? chain, long deadline, SiloConnection connection, long callId)
    : IncomingCall(target, request, chain, deadline)
{
    private int _answered;

    /// <summary>The caller's span context from the request frame.</summary>
    public ActivityContext Parent { get; init; }

    public override ActivityContext ParentActivity => Parent;

    public override bool TryReplyMoved(string? ownerHint)
    {
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            connection.Send(new MovedFrame(callId, ownerHint));
        }

        return true;
    }

    protected override void CompleteCore<TResult>(TResult result)
    {
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            connection.Send(new ResultFrame<TResult>(callId, result));
        }
    }

    protected override void FailCore(Exception exception)
    {
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            connection.Send(new ErrorFrame(callId, exception));
        }
    }
}
