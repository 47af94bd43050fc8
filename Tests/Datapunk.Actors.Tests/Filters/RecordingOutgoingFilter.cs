namespace Datapunk.Actors.Tests.Filters;

/// <summary>Records every call made through the silo's grain references, with the grain that made it.</summary>
public sealed class RecordingOutgoingFilter : IOutgoingGrainCallFilter
{
    public ConcurrentQueue<ObservedCall> Calls { get; } = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        Calls.Enqueue(new ObservedCall(context.TargetId, context.InterfaceType, context.MethodName, context.SourceId, null, null));
        await context.Invoke();
    }
}
