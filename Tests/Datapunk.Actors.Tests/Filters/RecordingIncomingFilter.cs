namespace Datapunk.Actors.Tests.Filters;

/// <summary>Records every incoming call, and refuses SetNameAsync on grains whose key marks them read-only.</summary>
public sealed class RecordingIncomingFilter : IIncomingGrainCallFilter
{
    public const string ReadOnlyKeyPrefix = "readonly-";

    public ConcurrentQueue<ObservedCall> Calls { get; } = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        Calls.Enqueue(new ObservedCall(
            context.TargetId, context.InterfaceType, context.MethodName, null, context.Grain.GetType().Name, context.ImplementationMethod?.Name));
        if (context.MethodName == nameof(INamedGrain.SetNameAsync) && context.TargetId.Key.StartsWith(ReadOnlyKeyPrefix, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException($"Call filter refused {context.TargetId}.{context.MethodName}: the grain is read-only.");
        }

        await context.Invoke();
    }
}
