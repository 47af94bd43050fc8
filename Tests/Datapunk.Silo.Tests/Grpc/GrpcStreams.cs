using Grpc.Core;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>Reading a server stream to its end in a test.</summary>
internal static class GrpcStreams
{
    /// <summary>Every message of the call, then disposes it; a failed call throws its <see cref="RpcException"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            var messages = new List<T>();
            await foreach (var message in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
            {
                messages.Add(message);
            }

            return messages;
        }
    }
}
