using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Datapunk.Silo.Grpc;

/// <summary>An interceptor that wraps unary and server-streaming calls alike in <see cref="AroundAsync"/> (the services have no other kinds).</summary>
internal abstract class AroundCallInterceptor : Interceptor
{
    public sealed override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        TResponse response = default!;
        await AroundAsync(context, async () => response = await continuation(request, context));
        return response;
    }

    public sealed override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        AroundAsync(context, () => continuation(request, responseStream, context));

    /// <summary>Runs <paramref name="call"/> (the method, and the interceptors inside this one) with what this interceptor adds around it.</summary>
    protected abstract Task AroundAsync(ServerCallContext context, Func<Task> call);
}
