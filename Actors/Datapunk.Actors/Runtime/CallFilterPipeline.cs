using System.Reflection;

namespace Datapunk.Actors.Runtime;

/// <summary>Runs the registered call filters around calls; costs nothing when none are registered.</summary>
public sealed class CallFilterPipeline(IEnumerable<IIncomingGrainCallFilter> incoming, IEnumerable<IOutgoingGrainCallFilter> outgoing)
{
    private readonly IIncomingGrainCallFilter[] _incoming = [.. incoming];
    private readonly IOutgoingGrainCallFilter[] _outgoing = [.. outgoing];

    public bool HasIncoming => _incoming.Length > 0;

    public bool HasOutgoing => _outgoing.Length > 0;

    internal ValueTask InvokeIncomingAsync(ActivationData activation, IncomingCall call) =>
        new(new IncomingContext(_incoming, activation, call).RunAsync());

    internal async Task<T> InvokeOutgoingAsync<T>(GrainId target, GrainRequest<T> request, CallChain? chain, Func<Task<T>> send)
    {
        var context = new OutgoingContext<T>(_outgoing, target, request, chain?.GrainId, send);
        await context.Invoke();
        return context.TypedResult;
    }

    private sealed class IncomingContext(IIncomingGrainCallFilter[] filters, ActivationData activation, IncomingCall call)
        : IIncomingGrainCallContext, IResponseSink
    {
        private int _next;
        private Action<IResponseSink>? _forward;
        private Exception? _failure;

        public GrainId TargetId => activation.GrainId;

        public Type InterfaceType => call.Request.Method.InterfaceType;

        public string MethodName => call.Request.Method.Name;

        public object? Result { get; private set; }

        public object Grain => activation.Instance!;

        public MethodInfo? ImplementationMethod =>
            activation.GrainClass.ImplementationType.GetInterfaceMap(InterfaceType).TargetMethods
                .FirstOrDefault(m => m.Name == MethodName || m.Name.EndsWith("." + MethodName, StringComparison.Ordinal));

        public async Task RunAsync()
        {
            try
            {
                await Invoke();
            }
            catch (Exception exception)
            {
                call.Fail(exception);
                return;
            }

            if (_forward is null)
            {
                call.Fail(new InvalidOperationException($"A call filter on {TargetId} returned without invoking {MethodName}."));
                return;
            }

            _forward(call);
        }

        public async Task Invoke()
        {
            if (_next < filters.Length)
            {
                await filters[_next++].Invoke(this);
                return;
            }

            await call.Request.InvokeIntoAsync(Grain, this);
            if (_failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
            }
        }

        void IResponseSink.Complete<TResult>(TResult result)
        {
            Result = result;
            _forward = sink => sink.Complete(result);
        }

        void IResponseSink.Fail(Exception exception) => _failure = exception;
    }

    private sealed class OutgoingContext<T>(
        IOutgoingGrainCallFilter[] filters, GrainId target, GrainRequest<T> request, GrainId? source, Func<Task<T>> send)
        : IOutgoingGrainCallContext
    {
        private int _next;

        public GrainId TargetId => target;

        public Type InterfaceType => request.Method.InterfaceType;

        public string MethodName => request.Method.Name;

        public object? Result => TypedResult;

        public T TypedResult { get; private set; } = default!;

        public GrainId? SourceId => source;

        public async Task Invoke()
        {
            if (_next < filters.Length)
            {
                await filters[_next++].Invoke(this);
                return;
            }

            TypedResult = await send();
        }
    }
}
