namespace Datapunk.Actors.Invocation;

/// <summary>Delivers calls made through grain references: the silo runtime or a cluster client.</summary>
public interface IGrainCallInvoker
{
    Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request);
}
