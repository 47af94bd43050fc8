namespace Datapunk.Actors.Invocation;

/// <summary>Receives the outcome of one grain call: a local caller's task or a remote response frame.</summary>
internal interface IResponseSink
{
    void Complete<TResult>(TResult result);

    void Fail(Exception exception);
}
