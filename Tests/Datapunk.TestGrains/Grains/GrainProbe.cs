using System.Collections.Concurrent;

namespace Datapunk.TestGrains;

/// <summary>
/// How test grains report to the test that drives them: events, gates a grain waits on, and
/// concurrency meters. Registered as a singleton in the silo's services. Tests read it instead of
/// calling the grain, because a call would itself activate the grain or change what is measured.
/// </summary>
public sealed class GrainProbe
{
    private readonly Lock _lock = new();
    private readonly List<ProbeEvent> _events = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrencyMeter> _meters = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Records that <paramref name="subject"/> (a grain key) did <paramref name="kind"/>.</summary>
    public void Record(string subject, string kind, string detail = "", string origin = "")
    {
        lock (_lock)
        {
            _events.Add(new ProbeEvent(subject, kind, detail, origin));
        }

        SignalChange();
    }

    /// <summary>The events of <paramref name="subject"/> in the order they were recorded, optionally of one kind.</summary>
    public IReadOnlyList<ProbeEvent> EventsOf(string subject, string? kind = null)
    {
        lock (_lock)
        {
            return [.. _events.Where(e => e.Subject == subject && (kind is null || e.Kind == kind))];
        }
    }

    /// <summary>
    /// Completes once <paramref name="condition"/> holds; fails after <paramref name="timeout"/> with
    /// <paramref name="awaited"/> and everything the subject recorded in the message.
    /// </summary>
    public async Task WaitUntilAsync(
        string subject, Func<IReadOnlyList<ProbeEvent>, bool> condition, string awaited, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (condition(EventsOf(subject)))
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"Waited {timeout.TotalSeconds:0.#} s for {awaited} of '{subject}'; it recorded: " +
                    $"[{string.Join(", ", EventsOf(subject))}], meter: {Meter(subject)}.");
            }

            try
            {
                await changed.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The loop reports it with what was seen.
            }
        }
    }

    /// <summary>Completes once <paramref name="subject"/> recorded at least <paramref name="count"/> events of <paramref name="kind"/>.</summary>
    public Task WaitForAsync(string subject, string kind, int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(subject, events => events.Count(e => e.Kind == kind) >= count, $"{count} '{kind}' event(s)", timeout, cancellationToken);

    /// <summary>A task that grain code awaits until the test calls <see cref="OpenGate"/> for the same subject.</summary>
    public Task GateAsync(string subject) => Gate(subject).Task;

    public void OpenGate(string subject) => Gate(subject).TrySetResult();

    /// <summary>A concurrency meter shared by every activation that reports under <paramref name="subject"/>.</summary>
    public ConcurrencyMeter Meter(string subject) => _meters.GetOrAdd(subject, _ => new ConcurrencyMeter(SignalChange));

    private TaskCompletionSource Gate(string subject) => _gates.GetOrAdd(subject, _ => NewSignal());

    private void SignalChange()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    // Waiters continue on the thread pool, never inline in the grain turn that recorded the event.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
