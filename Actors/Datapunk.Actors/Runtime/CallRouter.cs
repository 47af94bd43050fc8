using Datapunk.Actors.Cluster;
using Datapunk.Actors.Transport;

namespace Datapunk.Actors.Runtime;

/// <summary>
/// Delivers a call to whichever process owns the grain's partition: follows "moved" answers and
/// waits for an owner while a partition changes hands, all within the call's deadline.
/// Shared by silos (which also try their own activations) and cluster clients.
/// </summary>
internal sealed class CallRouter(IPartitionRouting routing, ConnectionManager connections)
{
    /// <summary>Routes until the call completes; <paramref name="local"/> (a silo) takes the call whenever it owns the partition.</summary>
    public async Task<T> InvokeAsync<T>(
        GrainId target, int partition, GrainRequest<T> request, CallChain? chain, long deadline, ILocalCallTarget? local)
    {
        string? hint = null;
        Exception? lastFailure = null;
        while (true)
        {
            if (local?.TryDispatchLocal(target, partition, request, chain, deadline) is { } dispatched)
            {
                return await dispatched;
            }

            var address = hint ?? routing.GetOwnerAddress(partition);
            hint = null;
            if (address is not null)
            {
                try
                {
                    var outcome = await connections.SendAsync(address, target, request, chain, deadline);
                    if (!outcome.Moved)
                    {
                        routing.ReportServedBy(partition, address);
                        return outcome.Value!;
                    }

                    routing.ReportStaleRoute(partition);
                    hint = outcome.OwnerHint != address ? outcome.OwnerHint : null;
                }
                catch (ConnectionUnavailableException exception)
                {
                    // Nothing was sent, so trying another owner cannot run the call twice.
                    lastFailure = exception;
                    routing.ReportStaleRoute(partition);
                }
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new SiloUnavailableException(
                    $"No silo accepted the call to {target}.{request.Method.Name} before its deadline: partition {partition} has no reachable owner." +
                    (lastFailure is null ? "" : $" Last failure: {lastFailure.Message}"));
            }

            if (hint is null)
            {
                var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                using var wait = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                try
                {
                    await routing.WaitForRoutingChangeAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    // The deadline check above reports it.
                }
            }
        }
    }
}

/// <summary>A process that can run calls itself when it owns the grain's partition (a silo, not a client).</summary>
internal interface ILocalCallTarget
{
    /// <summary>Queues the call on a local activation, or returns null when this process does not own the partition.</summary>
    Task<T>? TryDispatchLocal<T>(GrainId target, int partition, GrainRequest<T> request, CallChain? chain, long deadline);
}
